package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** {@code userIds} joined the group; {@code participants} are its members afterwards. */
public record MembersAdded(
        String conversationId,
        long version,
        String addedBy,
        List<String> userIds,
        List<String> participants,
        Instant addedAt) implements ChatEvent {

    public MembersAdded {
        userIds = List.copyOf(userIds);
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return addedAt;
    }
}
