package dev.chat.gateway.messaging;

import java.util.function.Function;

/** What became of a mark-read, whichever protocol carried it. */
public sealed interface ReadOutcome {

    /** One answer per kind of outcome (see {@link SendOutcome#fold}). */
    default <T> T fold(Function<Read, T> read, Function<Refused, T> refused, Function<Pending, T> pending) {
        if (this instanceof Read r) {
            return read.apply(r);
        }
        if (this instanceof Refused r) {
            return refused.apply(r);
        }
        return pending.apply((Pending) this);
    }

    /** The user has read {@code conversationId} up to {@code readUpToVersion} (0: nothing to read). */
    record Read(String conversationId, long readUpToVersion, Long conversationVersion) implements ReadOutcome {
    }

    record Refused(Refusal refusal) implements ReadOutcome {
    }

    /** Not decided within the send timeout; marking read again is safe. */
    record Pending() implements ReadOutcome {

        public static final String EXPLANATION = "not confirmed in time; mark as read again";
    }
}
