package dev.chat.message.messaging;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.DeleteMessage;
import dev.chat.contracts.EditMessage;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.ReactToMessage;
import dev.chat.contracts.ReactionAdded;
import dev.chat.contracts.ReactionRemoved;
import dev.chat.contracts.RejectionCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of what can be done to a message once sent, as plain code on plain data: its author edits
 * it within the edit window; its author (or an admin of its group) deletes it; every participant who
 * can see it reacts to it with an emoji, and takes the reaction back. Repeating an action that already
 * took effect (deleting a deleted message, adding a reaction twice) is accepted and records nothing.
 */
final class MessageActionDecider {

    /**
     * One emoji: a single grapheme cluster (flags, skin tones and family sequences included) beyond ASCII, so
     * {@code .} or {@code $} are not reactions (and never a problem as a key in a read model).
     */
    private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");
    /** Or a short name, as chat apps spell custom emojis: {@code thumbsup}, {@code +1}, {@code party_parrot}. */
    private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9_+-]{1,32}");
    private static final Pattern NOT_AN_EMOJI = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Z}\\s]+");
    static final int MAX_REACTIONS_PER_USER = 20;

    private final Duration editWindow;
    private final ContentRule contentRule;
    private final Clock clock;

    MessageActionDecider(Duration editWindow, int maxContentLength, Clock clock) {
        this.editWindow = editWindow;
        this.contentRule = new ContentRule(maxContentLength);
        this.clock = clock;
    }

    Decision decide(ConversationState state, EditMessage command, Optional<MessageFacts> message) {
        String editor = command.editorId();
        Optional<Decision> refused = visible(state, command.commandId(), editor, message);
        if (refused.isPresent()) {
            return refused.get();
        }
        MessageFacts facts = message.orElseThrow();
        if (!facts.senderId().equals(editor)) {
            return refuse(command.commandId(), state, editor, RejectionCode.NOT_ALLOWED, "only its author may edit a message");
        }
        if (facts.deleted()) {
            return refuse(command.commandId(), state, editor, RejectionCode.CONFLICT, "the message was deleted");
        }
        Instant now = now();
        if (now.isAfter(facts.sentAt().plus(editWindow))) {
            return refuse(command.commandId(), state, editor, RejectionCode.CONFLICT,
                    "a message can be edited for " + describe(editWindow) + " after it was sent");
        }
        Optional<Problem> content = contentRule.problem(command.content(), facts.hasAttachments());
        if (content.isPresent()) {
            return content.get().refuse(command.commandId(), state.conversationId(), editor);
        }
        return accepted(command.commandId(), state, editor, new MessageEdited(state.conversationId(),
                state.version() + 1, facts.messageId(), facts.version(), editor, command.content() == null ? "" : command.content(),
                state.participants(), now));
    }

    Decision decide(ConversationState state, DeleteMessage command, Optional<MessageFacts> message) {
        String actor = command.actorId();
        Optional<Decision> refused = visible(state, command.commandId(), actor, message);
        if (refused.isPresent()) {
            return refused.get();
        }
        MessageFacts facts = message.orElseThrow();
        boolean groupAdmin = state.isGroup() && state.isAdmin(actor);
        if (!facts.senderId().equals(actor) && !groupAdmin) {
            return refuse(command.commandId(), state, actor, RejectionCode.NOT_ALLOWED,
                    "only its author or an admin of the group may delete a message");
        }
        if (facts.deleted()) {
            return accepted(command.commandId(), state, actor);
        }
        return accepted(command.commandId(), state, actor, new MessageDeleted(state.conversationId(),
                state.version() + 1, facts.messageId(), facts.version(), facts.senderId(), actor, state.participants(), now()));
    }

    Decision decide(ConversationState state, ReactToMessage command, Optional<MessageFacts> message) {
        String user = command.userId();
        Optional<Decision> refused = visible(state, command.commandId(), user, message);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!isEmoji(command.emoji())) {
            return refuse(command.commandId(), state, user, RejectionCode.INVALID,
                    "a reaction is one emoji or a short name of at most 32 characters (a-z, 0-9, _, +, -)");
        }
        MessageFacts facts = message.orElseThrow();
        if (facts.deleted()) {
            return refuse(command.commandId(), state, user, RejectionCode.CONFLICT, "the message was deleted");
        }
        List<String> mine = facts.reactionsBy(user);
        boolean present = mine.contains(command.emoji());
        if (present == command.add()) {
            return accepted(command.commandId(), state, user);
        }
        if (command.add() && mine.size() >= MAX_REACTIONS_PER_USER) {
            return refuse(command.commandId(), state, user, RejectionCode.CONFLICT,
                    "at most " + MAX_REACTIONS_PER_USER + " reactions per message");
        }
        long version = state.version() + 1;
        ChatEvent event = command.add()
                ? new ReactionAdded(state.conversationId(), version, facts.messageId(), facts.version(), user, command.emoji(),
                        state.participants(), now())
                : new ReactionRemoved(state.conversationId(), version, facts.messageId(), facts.version(), user, command.emoji(),
                        state.participants(), now());
        return accepted(command.commandId(), state, user, event);
    }

    static boolean isEmoji(String emoji) {
        return emoji != null && (SHORT_NAME.matcher(emoji).matches()
                || ONE_GRAPHEME.matcher(emoji).matches() && !NOT_AN_EMOJI.matcher(emoji).matches()
                        && emoji.chars().anyMatch(c -> c > 0x7F));
    }

    /** The conversation has the actor, and the message exists here and is one the actor can see. */
    private static Optional<Decision> visible(ConversationState state, String commandId, String actor,
            Optional<MessageFacts> message) {
        if (!state.exists() || !state.hasParticipant(actor)) {
            return Optional.of(Rejections.notAParticipant(commandId, state.conversationId(), actor));
        }
        if (message.isEmpty() || !state.sees(actor, message.get().version())) {
            return Optional.of(Rejections.unknownMessage(commandId, state.conversationId(), actor));
        }
        return Optional.empty();
    }

    private static Decision refuse(String commandId, ConversationState state, String user, RejectionCode code,
            String reason) {
        return Rejections.reject(commandId, state.conversationId(), user, code, reason);
    }

    private static Decision accepted(String commandId, ConversationState state, String actor, ChatEvent... events) {
        long version = state.version() + events.length;
        return new Decision(List.of(events), new CommandAccepted(commandId, state.conversationId(), actor, null, false,
                null, version));
    }

    private static String describe(Duration window) {
        return window.toSeconds() % 60 == 0 ? window.toMinutes() + " minutes" : window.toSeconds() + " seconds";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
