package dev.chat.contracts;

import java.time.Instant;

/** An admin removes {@code userId} from a group, or a member leaves ({@code userId} is the actor). */
public record RemoveMember(
        String commandId,
        String conversationId,
        String actorId,
        String userId,
        Instant issuedAt) implements ChatCommand {

    @Override
    public String issuedBy() {
        return actorId;
    }
}
