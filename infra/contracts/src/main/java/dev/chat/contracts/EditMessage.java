package dev.chat.contracts;

import java.time.Instant;

/** The author of a message replaces its content (within the edit window). */
public record EditMessage(
        String commandId,
        String conversationId,
        String editorId,
        String messageId,
        String content,
        Instant issuedAt) implements ChatCommand {

    @Override
    public String issuedBy() {
        return editorId;
    }
}
