package dev.chat.contracts;

/**
 * A request to change a conversation. Published by the gateway to {@link Topics#COMMANDS}, keyed by
 * conversation id; decided by message-service, which answers every command with a
 * {@link CommandOutcome} carrying the same {@link #commandId()}.
 */
public sealed interface ChatCommand permits SendMessage, MarkConversationRead, CreateGroup, AddMembers, RemoveMember,
        RenameGroup, EditMessage, DeleteMessage, ReactToMessage, ReportMessage, BlockUser, UnblockUser {

    String commandId();

    String conversationId();

    /** The authenticated user who issued the command (never taken from a client-supplied field). */
    String issuedBy();
}
