package dev.chat.contracts;

/**
 * The command was accepted. For a send, {@code message} is the stored message; {@code duplicate} is
 * true when the clientMessageId had been used before and {@code message} is the original. For a
 * read, {@code readUpToVersion} is the reader's read position afterwards.
 *
 * @param conversationVersion the conversation's version once the command took effect (the version of
 *                            its last event, or the current version if it recorded nothing): a reader
 *                            of the projections that has reached it sees the command's effect. Added
 *                            in the same v1 type; absent in outcomes written before it existed.
 */
public record CommandAccepted(
        String commandId,
        String conversationId,
        String issuedBy,
        MessageSent message,
        boolean duplicate,
        Long readUpToVersion,
        Long conversationVersion) implements CommandOutcome {
}
