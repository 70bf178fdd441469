package dev.chat.contracts;

/** Why a command was refused. The gateway maps these to HTTP statuses and socket error frames. */
public enum RejectionCode {
    /** Blank or malformed content, unknown type, invalid id. */
    INVALID,
    /** Content longer than the configured maximum. */
    TOO_LARGE,
    /** The issuer does not take part in the conversation. */
    NOT_A_PARTICIPANT,
    /** The conversation does not exist (e.g. marking an unknown conversation read). */
    UNKNOWN_CONVERSATION,
    /** The message does not exist in this conversation (or not for this user: sent before they joined). */
    UNKNOWN_MESSAGE,
    /** A participant, but not allowed this: editing someone else's message, removing members when not an admin. */
    NOT_ALLOWED,
    /** Not in the conversation's current state: the edit window has passed, the message was deleted, the group is full. */
    CONFLICT
}
