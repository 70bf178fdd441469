package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Create a group conversation named {@code name} with the creator and {@code memberIds} as members and the
 * creator as its first admin. The gateway gives it a new id ({@link Ids#newGroupId()}).
 */
public record CreateGroup(
        String commandId,
        String conversationId,
        String creatorId,
        String name,
        List<String> memberIds,
        Instant issuedAt) implements ChatCommand {

    public CreateGroup {
        memberIds = memberIds == null ? List.of() : List.copyOf(memberIds);
    }

    @Override
    public String issuedBy() {
        return creatorId;
    }
}
