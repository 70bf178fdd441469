package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** {@code userId} reacted with {@code emoji} to the message {@code messageId}. */
public record ReactionAdded(
        String conversationId,
        long version,
        String messageId,
        long messageVersion,
        String userId,
        String emoji,
        List<String> participants,
        Instant reactedAt) implements ChatEvent {

    public ReactionAdded {
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return reactedAt;
    }
}
