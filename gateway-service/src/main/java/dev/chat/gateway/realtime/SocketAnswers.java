package dev.chat.gateway.realtime;

import dev.chat.gateway.messaging.ReadOutcome;
import dev.chat.gateway.messaging.SendOutcome;
import dev.chat.gateway.wire.WireMessage;

/** How both socket protocols say the messaging use cases' outcomes. */
final class SocketAnswers {

    private SocketAnswers() {
    }

    /** The stored message as the original API showed it, marked when it was a duplicate; null if not stored. */
    static WireMessage message(SendOutcome outcome) {
        return outcome.fold(
                stored -> WireMessage.of(stored.message()),
                duplicate -> WireMessage.of(duplicate.message()).asDuplicate(),
                refused -> null,
                pending -> null);
    }

    /** A send that was not stored: its {@code messageError} data; null if it was stored. */
    static Frames.MessageError sendError(SendOutcome outcome) {
        return outcome.fold(
                stored -> null,
                duplicate -> null,
                refused -> new Frames.MessageError(refused.clientMessageId(), refused.refusal().reason(),
                        refused.refusal().retryable()),
                pending -> new Frames.MessageError(pending.clientMessageId(), SendOutcome.Pending.EXPLANATION, true));
    }

    /** How far the user has now read; a refusal or no decision in time as a {@link FrameException}. */
    static long readUpTo(ReadOutcome outcome) {
        return outcome.<Long>fold(
                read -> read.readUpToVersion(),
                refused -> {
                    throw new FrameException(refused.refusal().reason());
                },
                pending -> {
                    throw new FrameException(ReadOutcome.Pending.EXPLANATION);
                });
    }
}
