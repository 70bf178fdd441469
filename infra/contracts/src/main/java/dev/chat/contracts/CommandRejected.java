package dev.chat.contracts;

/** The command was refused; nothing changed. {@code code} is machine-readable, {@code reason} is for people. */
public record CommandRejected(
        String commandId,
        String conversationId,
        String issuedBy,
        RejectionCode code,
        String reason) implements CommandOutcome {
}
