package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** {@code readerId} has read every message of the conversation up to {@code upToVersion}. */
public record MessagesRead(
        String conversationId,
        long version,
        String readerId,
        long upToVersion,
        List<String> participants,
        Instant readAt) implements ChatEvent {

    public MessagesRead {
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return readAt;
    }
}
