package dev.chat.contracts;

import java.time.Instant;

/**
 * Mark a conversation read by {@code readerId} up to a conversation version; a null
 * {@code upToVersion} means "everything so far".
 */
public record MarkConversationRead(
        String commandId,
        String conversationId,
        String readerId,
        Long upToVersion,
        Instant issuedAt) implements ChatCommand {

    @Override
    public String issuedBy() {
        return readerId;
    }
}
