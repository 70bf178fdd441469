package dev.chat.contracts;

import java.time.Instant;

/** A participant adds ({@code add}) or takes back their reaction {@code emoji} to a message. */
public record ReactToMessage(
        String commandId,
        String conversationId,
        String userId,
        String messageId,
        String emoji,
        boolean add,
        Instant issuedAt) implements ChatCommand {

    @Override
    public String issuedBy() {
        return userId;
    }
}
