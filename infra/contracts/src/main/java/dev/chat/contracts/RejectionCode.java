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
    UNKNOWN_CONVERSATION
}
