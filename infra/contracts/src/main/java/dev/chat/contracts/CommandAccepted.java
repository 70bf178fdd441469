package dev.chat.contracts;

/**
 * The command was accepted. For a send, {@code message} is the stored message; {@code duplicate} is
 * true when the clientMessageId had been used before and {@code message} is the original. For a
 * read, {@code readUpToVersion} is the reader's read position afterwards.
 */
public record CommandAccepted(
        String commandId,
        String conversationId,
        String issuedBy,
        MessageSent message,
        boolean duplicate,
        Long readUpToVersion) implements CommandOutcome {
}
