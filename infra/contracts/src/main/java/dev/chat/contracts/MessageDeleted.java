package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The message {@code messageId} (sent by {@code senderId}) was deleted by {@code deletedBy}: read models
 * drop its content and keep a tombstone with its sender and times.
 */
public record MessageDeleted(
        String conversationId,
        long version,
        String messageId,
        long messageVersion,
        String senderId,
        String deletedBy,
        List<String> participants,
        Instant deletedAt) implements ChatEvent {

    public MessageDeleted {
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return deletedAt;
    }
}
