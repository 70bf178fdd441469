package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** {@code userId} took back their {@code emoji} reaction to the message {@code messageId}. */
public record ReactionRemoved(
        String conversationId,
        long version,
        String messageId,
        long messageVersion,
        String userId,
        String emoji,
        List<String> participants,
        Instant removedAt) implements ChatEvent {

    public ReactionRemoved {
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return removedAt;
    }
}
