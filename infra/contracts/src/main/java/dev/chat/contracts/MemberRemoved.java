package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * {@code userId} is no longer a member: removed by an admin, or left ({@code removedBy} is themselves).
 * {@code participants} are the members afterwards, so they do not include {@code userId}: a consumer that
 * tells the removed user reads it from here. {@code admins} are the admins afterwards: when the last admin
 * leaves, the longest-standing member becomes one.
 */
public record MemberRemoved(
        String conversationId,
        long version,
        String removedBy,
        String userId,
        List<String> participants,
        List<String> admins,
        Instant removedAt) implements ChatEvent {

    public MemberRemoved {
        participants = List.copyOf(participants);
        admins = List.copyOf(admins);
    }

    @Override
    public Instant occurredAt() {
        return removedAt;
    }
}
