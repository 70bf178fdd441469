package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** The group's name changed. */
public record GroupRenamed(
        String conversationId,
        long version,
        String renamedBy,
        String name,
        List<String> participants,
        Instant renamedAt) implements ChatEvent {

    public GroupRenamed {
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return renamedAt;
    }
}
