package dev.chat.gateway.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.DeleteMessage;
import dev.chat.contracts.EditMessage;
import dev.chat.contracts.Ids;
import dev.chat.contracts.ReactToMessage;
import dev.chat.contracts.Reactions;
import dev.chat.contracts.ReportMessage;
import dev.chat.contracts.Text;
import dev.chat.gateway.commands.ActionBudgets;
import dev.chat.gateway.commands.CommandBus;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.Refusal;
import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.gateway.conversations.ProjectedViews;
import dev.chat.servicekit.readmodels.MessageLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user edits, deletes, reacts to or reports a message named by its id: find its conversation, publish the
 * command, await the decision. Protocol-neutral: REST and the socket protocols only map the result.
 */
@Component
public class MessageActions {

    /** Content UTF-8 cannot carry as sent (a lone surrogate would be stored as '?'). */
    static final String NOT_ENCODABLE = "content is not valid Unicode text (it holds a lone surrogate)";

    /** How long a message not in the read models yet may take to get there before it counts as no such message. */
    private static final Duration LOOKUP_WINDOW = Duration.ofSeconds(2);
    private static final Duration LOOKUP_PAUSE = Duration.ofMillis(100);

    private final CommandBus commands;
    private final ConversationReads reads;
    private final ProjectedViews views;
    private final ActionBudgets budgets;

    MessageActions(CommandBus commands, ConversationReads reads, ProjectedViews views, ActionBudgets budgets) {
        this.commands = commands;
        this.reads = reads;
        this.views = views;
        this.budgets = budgets;
    }

    /**
     * @param conversationId the message's conversation if the client knows it (every message frame says it);
     *                       null to look it up
     */
    public Mono<CommandResult> edit(String userId, String messageId, String conversationId, String content) {
        if (content != null && !Text.isEncodable(content)) {
            return refused(NOT_ENCODABLE);
        }
        return act(userId, messageId, conversationId, at -> new EditMessage(CommandBus.newCommandId(), at, userId, messageId, content,
                Instant.now()));
    }

    public Mono<CommandResult> delete(String userId, String messageId, String conversationId) {
        return act(userId, messageId, conversationId, at -> new DeleteMessage(CommandBus.newCommandId(), at, userId, messageId,
                Instant.now()));
    }

    /** Adds ({@code add}) or takes back a reaction. */
    public Mono<CommandResult> react(String userId, String messageId, String conversationId, String emoji,
            boolean add) {
        Optional<String> notAReaction = Reactions.problem(emoji);
        if (notAReaction.isPresent()) {
            return refused(notAReaction.get());
        }
        return act(userId, messageId, conversationId, at -> new ReactToMessage(CommandBus.newCommandId(), at, userId, messageId, emoji,
                add, Instant.now()));
    }

    /**
     * Reports the message to moderation: {@code reason} one of {@code ReportReason}'s wire names, {@code note} the
     * reporter's own words (may be null). A member reports a message once; again, the answer is a duplicate.
     */
    public Mono<CommandResult> report(String userId, String messageId, String conversationId, String reason,
            String note) {
        Optional<String> problem = ReportMessage.problem(reason, note);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        return act(userId, messageId, conversationId, ActionBudgets.Budget.REPORT,
                at -> new ReportMessage(CommandBus.newCommandId(), at, userId, messageId, reason, note, Instant.now()));
    }

    private Mono<CommandResult> act(String userId, String messageId, String conversationId,
            Function<String, ChatCommand> command) {
        return act(userId, messageId, conversationId, ActionBudgets.Budget.ACT, command);
    }

    private Mono<CommandResult> act(String userId, String messageId, String conversationId, ActionBudgets.Budget budget,
            Function<String, ChatCommand> command) {
        if (messageId == null || messageId.isBlank()) {
            return refused("messageId is required");
        }
        if (!Ids.isValidMessageId(messageId)) {
            // No message has such an id: the same answer as for one that does not exist.
            return Mono.just(CommandResult.refused(new Refusal(Refusal.Code.UNKNOWN_MESSAGE, "no such message")));
        }
        if (conversationId != null && !conversationId.isBlank() && !Ids.isConversationId(conversationId)) {
            return refused("conversationId is not a conversation's id");
        }
        Optional<Refusal> overBudget = budgets.spend(budget, userId, 1);
        if (overBudget.isPresent()) {
            return Mono.just(CommandResult.refused(overBudget.get()));
        }
        // Named by the client: message-service checks the message is there (and refuses if not).
        Mono<String> conversation = conversationId != null && !conversationId.isBlank() ? Mono.just(conversationId)
                : located(messageId);
        return conversation.flatMap(at -> commands.submit(command.apply(at)))
                .defaultIfEmpty(CommandResult.refused(new Refusal(Refusal.Code.UNKNOWN_MESSAGE, "no such message")));
    }

    /**
     * The message's conversation from the read models. A message acknowledged on a socket may not be projected
     * yet: after a miss it is looked up again once the projection has published a view since (only then can the read
     * models hold more) — at most every {@link #LOOKUP_PAUSE}, for {@link #LOOKUP_WINDOW} in all — before it counts as
     * no such message. A made-up id costs one query while the projection is idle, twenty at most while it is busy.
     */
    private Mono<String> located(String messageId) {
        return Mono.defer(() -> located(messageId, System.nanoTime() + LOOKUP_WINDOW.toNanos()));
    }

    private Mono<String> located(String messageId, long deadline) {
        long mark = views.progress();
        return reads.find(messageId).map(MessageLocation::conversationId).switchIfEmpty(Mono.defer(() -> {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                return Mono.empty();
            }
            Duration pause = left.compareTo(LOOKUP_PAUSE) < 0 ? left : LOOKUP_PAUSE;
            return Mono.when(views.awaitProgressPast(mark, left), Mono.delay(pause))
                    .then(Mono.defer(() -> views.progress() > mark ? located(messageId, deadline) : Mono.empty()));
        }));
    }

    private static Mono<CommandResult> refused(String reason) {
        return Mono.just(CommandResult.refused(Refusal.invalid(reason)));
    }
}
