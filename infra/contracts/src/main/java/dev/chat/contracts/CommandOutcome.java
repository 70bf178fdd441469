package dev.chat.contracts;

/**
 * The answer to a command, published to {@link Topics#OUTCOMES} and correlated by
 * {@link #commandId()}, so the gateway can tell the client that issued it.
 */
public sealed interface CommandOutcome permits CommandAccepted, CommandRejected {

    String commandId();

    String conversationId();

    /** The user who issued the command; the gateway routes the answer to that user's session. */
    String issuedBy();
}
