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
import dev.chat.contracts.Reactions;
import dev.chat.contracts.MessageReported;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.ReportMessage;
import dev.chat.contracts.ReportReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules of what can be done to a message once sent, as plain code on plain data: its author edits
 * it within the edit window; its author (or an admin of its group) deletes it; every participant who
 * can see it reacts to it with an emoji, and takes the reaction back. Repeating an action that already
 * took effect (deleting a deleted message, adding a reaction twice) is accepted and records nothing. A member
 * reports a message they can see, not their own, once.
 */
final class MessageActionDecider {

    static final int MAX_REACTIONS_PER_USER = 20;
    /** Different emojis on one message (as Discord allows). */
    static final int MAX_DISTINCT_REACTIONS = 20;
    /**
     * Reactions on one message, all users together (removed members' included): with {@link Reactions#MAX_BYTES}
     * per emoji and 64-character user ids, a message's facts stay near 100 KB, far below what Kafka takes.
     */
    static final int MAX_REACTIONS_PER_MESSAGE = 1000;
    /**
     * Reporters remembered per message: members come and go, so without a bound a message's facts would grow with
     * every one who ever joined and reported it. Moderation has the message well before this many reports.
     */
    static final int MAX_REPORTS_PER_MESSAGE = 1000;

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
        Optional<Decision> refused = visible(state, command.commandId(), editor, message)
                .or(() -> BlockDecider.refusesWriting(state, command.commandId(), editor));
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
        Instant now = DecisionTime.now(clock);
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
                state.seeing(facts.version()), now));
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
                state.version() + 1, facts.messageId(), facts.version(), facts.senderId(), actor,
                state.seeing(facts.version()), DecisionTime.now(clock)));
    }

    Decision decide(ConversationState state, ReactToMessage command, Optional<MessageFacts> message) {
        String user = command.userId();
        Optional<Decision> refused = visible(state, command.commandId(), user, message)
                .or(() -> BlockDecider.refusesWriting(state, command.commandId(), user));
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> notAReaction = Reactions.problem(command.emoji());
        if (notAReaction.isPresent()) {
            return refuse(command.commandId(), state, user, RejectionCode.INVALID, notAReaction.get());
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
        if (command.add() && !facts.hasReaction(command.emoji()) && facts.distinctReactions() >= MAX_DISTINCT_REACTIONS) {
            return refuse(command.commandId(), state, user, RejectionCode.CONFLICT,
                    "at most " + MAX_DISTINCT_REACTIONS + " different reactions on a message");
        }
        if (command.add() && facts.reactionCount() >= MAX_REACTIONS_PER_MESSAGE) {
            return refuse(command.commandId(), state, user, RejectionCode.CONFLICT,
                    "this message has the most reactions it can hold (" + MAX_REACTIONS_PER_MESSAGE + ")");
        }
        long version = state.version() + 1;
        ChatEvent event = command.add()
                ? new ReactionAdded(state.conversationId(), version, facts.messageId(), facts.version(), user, command.emoji(),
                        state.seeing(facts.version()), DecisionTime.now(clock))
                : new ReactionRemoved(state.conversationId(), version, facts.messageId(), facts.version(), user, command.emoji(),
                        state.seeing(facts.version()), DecisionTime.now(clock));
        return accepted(command.commandId(), state, user, event);
    }

    /**
     * A member reports a message they can see to moderation, once: the report goes to {@code chat.reports.v1}
     * (not to the conversation, whose members include the sender reported); the same member reporting it again is
     * answered as a duplicate and publishes nothing.
     */
    Decision decide(ConversationState state, ReportMessage command, Optional<MessageFacts> message) {
        String reporter = command.reporterId();
        Optional<Decision> refused = visible(state, command.commandId(), reporter, message);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<String> problem = ReportMessage.problem(command.reason(), command.note());
        if (problem.isPresent()) {
            return refuse(command.commandId(), state, reporter, RejectionCode.INVALID, problem.get());
        }
        MessageFacts facts = message.orElseThrow();
        if (facts.senderId().equals(reporter)) {
            return refuse(command.commandId(), state, reporter, RejectionCode.INVALID, "you cannot report your own message");
        }
        if (facts.deleted()) {
            return refuse(command.commandId(), state, reporter, RejectionCode.CONFLICT, "the message was deleted");
        }
        if (facts.reportedBy().contains(reporter)) {
            return new Decision(List.of(), new CommandAccepted(command.commandId(), state.conversationId(), reporter,
                    null, true, null, state.version()));
        }
        if (facts.reportedBy().size() >= MAX_REPORTS_PER_MESSAGE) {
            return refuse(command.commandId(), state, reporter, RejectionCode.CONFLICT,
                    "this message has the most reports it can hold (" + MAX_REPORTS_PER_MESSAGE
                            + "); moderation has it");
        }
        MessageReported report = new MessageReported(
                MessageReported.idOf(state.conversationId(), facts.messageId(), reporter), state.conversationId(),
                facts.messageId(), facts.version(), facts.senderId(), reporter,
                ReportReason.fromWire(command.reason()).orElseThrow(), ReportMessage.noteOf(command.note()),
                facts.preview(), DecisionTime.now(clock));
        return new Decision(List.of(), new CommandAccepted(command.commandId(), state.conversationId(), reporter, null,
                false, null, state.version()), List.of(report), List.of());
    }

    /**
     * The conversation has the actor, and the message exists here and is one the actor can see. Whoever cannot
     * see it hears "no such message", whether it exists or not (and whether the conversation does).
     */
    private static Optional<Decision> visible(ConversationState state, String commandId, String actor,
            Optional<MessageFacts> message) {
        if (!state.exists() || message.isEmpty() || !state.sees(actor, message.get().version())) {
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

}
