package dev.chat.contracts;

import java.time.Instant;

/** A member gives the group a new name. */
public record RenameGroup(
        String commandId,
        String conversationId,
        String actorId,
        String name,
        Instant issuedAt) implements ChatCommand {

    @Override
    public String issuedBy() {
        return actorId;
    }
}
