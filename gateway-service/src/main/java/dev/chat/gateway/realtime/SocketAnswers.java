package dev.chat.gateway.realtime;

import dev.chat.gateway.messaging.ReadOutcome;

/** What both socket protocols make of a mark-read's outcome. */
final class SocketAnswers {

    private SocketAnswers() {
    }

    /** How far the user has now read; a refusal or no decision in time as a {@link FrameException}. */
    static long readUpTo(ReadOutcome outcome) {
        return outcome.<Long>fold(
                read -> read.readUpToVersion(),
                refused -> {
                    throw FrameException.of(refused.refusal());
                },
                pending -> {
                    throw new FrameException(ReadOutcome.Pending.EXPLANATION);
                });
    }
}
