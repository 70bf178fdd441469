package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * {@code userId} is (or stopped) typing in a conversation. Ephemeral: published to the short-retention
 * {@link Topics#TYPING} and fanned out by every gateway to the other participants' sessions. A
 * "typing" indication lapses by itself unless refreshed, so a vanished client leaves nothing behind.
 */
public record IndicateTyping(
        String conversationId,
        String userId,
        boolean typing,
        List<String> participants,
        Instant issuedAt) {

    public IndicateTyping {
        participants = List.copyOf(participants);
    }
}
