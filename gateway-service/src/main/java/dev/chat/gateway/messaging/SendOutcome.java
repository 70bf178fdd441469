package dev.chat.gateway.messaging;

import dev.chat.contracts.MessageSent;
import java.util.function.Function;

/** What became of a send, whichever protocol carried it. */
public sealed interface SendOutcome {

    String clientMessageId();

    /**
     * One answer per kind of outcome: every protocol handles every kind (Java 17 has no exhaustive switch
     * over sealed types; a new kind of outcome breaks the build of each adapter until it answers it).
     */
    default <T> T fold(Function<Stored, T> stored, Function<Duplicate, T> duplicate, Function<Refused, T> refused,
            Function<Pending, T> pending) {
        if (this instanceof Stored s) {
            return stored.apply(s);
        }
        if (this instanceof Duplicate d) {
            return duplicate.apply(d);
        }
        if (this instanceof Refused r) {
            return refused.apply(r);
        }
        return pending.apply((Pending) this);
    }

    /** Stored as a new message at {@code conversationVersion}. */
    record Stored(String clientMessageId, MessageSent message, Long conversationVersion) implements SendOutcome {
    }

    /** The clientMessageId was sent before: the original message, nothing stored again. */
    record Duplicate(String clientMessageId, MessageSent message, Long conversationVersion) implements SendOutcome {
    }

    record Refused(String clientMessageId, Refusal refusal) implements SendOutcome {
    }

    /** Not decided within the send timeout; it may still be. Sending again with the same clientMessageId is safe. */
    record Pending(String clientMessageId) implements SendOutcome {

        public static final String EXPLANATION =
                "not confirmed in time; send again with the same clientMessageId to learn the result";
    }
}
