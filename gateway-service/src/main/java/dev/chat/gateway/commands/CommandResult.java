package dev.chat.gateway.commands;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.SendMessage;
import java.util.function.Function;

/**
 * What became of a user's command, whichever protocol carried it and whatever it asked: the one result that
 * comes out of the {@link CommandBus} (and out of a use case that refuses before publishing). Each protocol
 * maps it once: a status code, a frame, an RSocket answer or error, an ack.
 */
public sealed interface CommandResult {

    /**
     * One answer per kind of result: every protocol handles every kind (Java 17 has no exhaustive switch over
     * sealed types; a new kind breaks the build of each adapter until it answers it).
     */
    default <T> T fold(Function<Accepted, T> accepted, Function<Duplicate, T> duplicate, Function<Refused, T> refused,
            Function<Pending, T> pending) {
        if (this instanceof Accepted a) {
            return accepted.apply(a);
        }
        if (this instanceof Duplicate d) {
            return duplicate.apply(d);
        }
        if (this instanceof Refused r) {
            return refused.apply(r);
        }
        return pending.apply((Pending) this);
    }

    /** Decided and done: a new message, a read, a group change, an edit… ({@code outcome} says what it came to). */
    record Accepted(CommandAccepted outcome) implements CommandResult {
    }

    /** Done before (a send with a clientMessageId seen already): the original outcome, nothing done again. */
    record Duplicate(CommandAccepted outcome) implements CommandResult {
    }

    record Refused(Refusal refusal) implements CommandResult {
    }

    /** Not decided in time; it may still be. What to do about it depends on the command. */
    record Pending(String explanation) implements CommandResult {

        public static final String SEND =
                "not confirmed in time; send again with the same clientMessageId to learn the result";
        public static final String READ = "not confirmed in time; mark as read again";
        public static final String OTHER = "not confirmed in time; try again";

        /** Sending it again is safe for every command: a send by its clientMessageId, the others change nothing more. */
        static Pending of(ChatCommand command) {
            return new Pending(command instanceof SendMessage ? SEND
                    : command instanceof MarkConversationRead ? READ : OTHER);
        }
    }

    static CommandResult refused(Refusal refusal) {
        return new Refused(refusal);
    }
}
