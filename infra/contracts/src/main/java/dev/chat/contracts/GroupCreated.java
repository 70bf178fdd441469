package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** A group came into being; always version 1. {@code participants} are its members, creator first. */
public record GroupCreated(
        String conversationId,
        long version,
        String name,
        List<String> participants,
        List<String> admins,
        String createdBy,
        Instant createdAt) implements ChatEvent {

    public GroupCreated {
        participants = List.copyOf(participants);
        admins = List.copyOf(admins);
    }

    @Override
    public Instant occurredAt() {
        return createdAt;
    }
}
