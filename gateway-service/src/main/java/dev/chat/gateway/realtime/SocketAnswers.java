package dev.chat.gateway.realtime;

import dev.chat.gateway.messaging.ApiMessage;
import dev.chat.gateway.messaging.ReadOutcome;
import dev.chat.gateway.messaging.SendOutcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** How both socket protocols say the messaging use cases' outcomes. */
final class SocketAnswers {

    private SocketAnswers() {
    }

    /** The stored message as the original API showed it, marked when it was a duplicate; null if not stored. */
    static Map<String, Object> message(SendOutcome outcome) {
        return outcome.fold(
                stored -> ApiMessage.of(stored.message(), false, null),
                duplicate -> {
                    Map<String, Object> message = new LinkedHashMap<>(ApiMessage.of(duplicate.message(), false, null));
                    message.put("duplicate", true);
                    return message;
                },
                refused -> null,
                pending -> null);
    }

    /** A send that was not stored: {@code messageError} data, or null if it was stored. */
    static Map<String, Object> sendError(SendOutcome outcome) {
        return outcome.fold(
                stored -> null,
                duplicate -> null,
                refused -> sendError(refused.clientMessageId(), refused.refusal().reason(), refused.refusal().retryable()),
                pending -> sendError(pending.clientMessageId(), SendOutcome.Pending.EXPLANATION, true));
    }

    private static Map<String, Object> sendError(String clientMessageId, String message, boolean retryable) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("clientMessageId", clientMessageId);
        error.put("message", message);
        error.put("retryable", retryable);
        return error;
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
