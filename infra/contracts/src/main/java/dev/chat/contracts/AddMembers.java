package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** A member of a group adds {@code userIds} to it. */
public record AddMembers(
        String commandId,
        String conversationId,
        String actorId,
        List<String> userIds,
        Instant issuedAt) implements ChatCommand {

    public AddMembers {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    @Override
    public String issuedBy() {
        return actorId;
    }
}
