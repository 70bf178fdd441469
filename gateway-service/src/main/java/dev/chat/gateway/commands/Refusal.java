package dev.chat.gateway.commands;

import dev.chat.contracts.CommandRejected;
import java.time.Duration;

/**
 * Why a user's command was refused, the same whichever protocol carried it; each protocol only chooses
 * how to say it (a status code, an error frame, an RSocket error).
 */
public record Refusal(Code code, String reason, Duration retryAfter) {

    public Refusal(Code code, String reason) {
        this(code, reason, null);
    }

    public enum Code {
        /** Malformed or missing input: blank content, a bad id, no recipient. */
        INVALID,
        /** Content longer than the configured maximum. */
        TOO_LARGE,
        /** The user does not take part in the conversation. */
        NOT_A_PARTICIPANT,
        /** The conversation does not exist. */
        UNKNOWN_CONVERSATION,
        /** Over the user's send rate: trying again shortly will work. */
        RATE_LIMITED,
        /** The platform has as much as it keeps up with in flight: trying again shortly will work. */
        BUSY,
        /** The message does not exist in the conversation (or not for this user). */
        UNKNOWN_MESSAGE,
        /** A participant, but not allowed this (editing someone else's message, a member acting as admin). */
        NOT_ALLOWED,
        /**
         * Not possible in the current state: a name that must be unique (a username) is someone else's, the edit
         * window has passed, the message was deleted, the group is full.
         */
        CONFLICT
    }

    public static Refusal invalid(String reason) {
        return new Refusal(Code.INVALID, reason);
    }

    /** Over a budget: {@code retryAfter} says when the same request will be taken (null if it never will). */
    public static Refusal rateLimited(String reason, Duration retryAfter) {
        return new Refusal(Code.RATE_LIMITED, reason, retryAfter);
    }

    public static Refusal conflict(String reason) {
        return new Refusal(Code.CONFLICT, reason);
    }

    static Refusal of(CommandRejected rejected) {
        return new Refusal(Code.valueOf(rejected.code().name()), rejected.reason());
    }

    /** Whether the same request, sent again later, may succeed. */
    public boolean retryable() {
        return (code == Code.RATE_LIMITED || code == Code.BUSY) && retryAfter != null;
    }
}
