package dev.chat.gateway.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.DeleteMessage;
import dev.chat.contracts.EditMessage;
import dev.chat.contracts.ReactToMessage;
import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.servicekit.readmodels.MessageLocation;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user edits, deletes or reacts to a message named by its id: find its conversation, publish the
 * command, await the decision. Protocol-neutral: REST, WebSocket and RSocket only map the outcome.
 */
@Component
public class MessageActions {

    private final ConversationCommands commands;
    private final ConversationReads reads;

    MessageActions(ConversationCommands commands, ConversationReads reads) {
        this.commands = commands;
        this.reads = reads;
    }

    public Mono<ActionOutcome> edit(String userId, String messageId, String content) {
        return act(messageId, at -> new EditMessage(commandId(), at.conversationId(), userId, messageId, content,
                Instant.now()));
    }

    public Mono<ActionOutcome> delete(String userId, String messageId) {
        return act(messageId, at -> new DeleteMessage(commandId(), at.conversationId(), userId, messageId, Instant.now()));
    }

    /** Adds ({@code add}) or takes back a reaction. */
    public Mono<ActionOutcome> react(String userId, String messageId, String emoji, boolean add) {
        return act(messageId, at -> new ReactToMessage(commandId(), at.conversationId(), userId, messageId, emoji, add,
                Instant.now()));
    }

    private Mono<ActionOutcome> act(String messageId, Function<MessageLocation, ChatCommand> command) {
        if (messageId == null || messageId.isBlank()) {
            return Mono.just(new ActionOutcome.Refused(Refusal.invalid("messageId is required")));
        }
        return reads.find(messageId)
                .flatMap(at -> commands.submit(command.apply(at)))
                .defaultIfEmpty(new ActionOutcome.Refused(new Refusal(Refusal.Code.UNKNOWN_MESSAGE, "no such message")));
    }

    private static String commandId() {
        return UUID.randomUUID().toString();
    }
}
