package dev.chat.gateway.messaging;

import java.util.function.Function;

/**
 * What became of a command that changes a conversation without sending (a group change, an edit, a
 * deletion, a reaction), whichever protocol carried it.
 */
public sealed interface ActionOutcome {

    /** One answer per kind of outcome (see {@link SendOutcome#fold}). */
    default <T> T fold(Function<Done, T> done, Function<Refused, T> refused, Function<Pending, T> pending) {
        if (this instanceof Done d) {
            return done.apply(d);
        }
        if (this instanceof Refused r) {
            return refused.apply(r);
        }
        return pending.apply((Pending) this);
    }

    /** Accepted: the conversation has reached {@code conversationVersion} with it (or already had it). */
    record Done(String conversationId, long conversationVersion) implements ActionOutcome {
    }

    record Refused(Refusal refusal) implements ActionOutcome {
    }

    /** Not decided in time; sending it again is safe (it changes nothing more once done). */
    record Pending() implements ActionOutcome {

        public static final String EXPLANATION = "not confirmed in time; try again";
    }
}
