package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** The message {@code messageId} now reads {@code content}. */
public record MessageEdited(
        String conversationId,
        long version,
        String messageId,
        long messageVersion,
        String editorId,
        String content,
        List<String> participants,
        Instant editedAt) implements ChatEvent {

    public MessageEdited {
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return editedAt;
    }
}
