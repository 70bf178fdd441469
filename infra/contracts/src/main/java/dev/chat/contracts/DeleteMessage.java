package dev.chat.contracts;

import java.time.Instant;

/** The author of a message (or an admin of its group) deletes it. */
public record DeleteMessage(
        String commandId,
        String conversationId,
        String actorId,
        String messageId,
        Instant issuedAt) implements ChatCommand {

    @Override
    public String issuedBy() {
        return actorId;
    }
}
