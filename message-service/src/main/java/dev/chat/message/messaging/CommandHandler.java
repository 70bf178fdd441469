package dev.chat.message.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.SendMessage;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides one command against the stored state and makes the result durable in Mongo. Safe to call
 * again with the same command (a redelivery after a crash): it then returns the recorded decision.
 */
@Component
class CommandHandler {

    private final ConversationStore store;
    private final ConversationDecider decider;

    CommandHandler(ConversationStore store, ConversationDecider decider) {
        this.store = store;
        this.decider = decider;
    }

    Decision handle(ChatCommand command) {
        Optional<Decision> recorded = store.findDecision(command.commandId());
        if (recorded.isPresent()) {
            // Decided before, but the Kafka transaction that published it did not commit.
            store.apply(store.load(command.conversationId()), recorded.get().events());
            return recorded.get();
        }
        ConversationState state = store.load(command.conversationId());
        Decision decision = decide(state, command);
        if (decision.events().isEmpty()) {
            return decision;
        }
        if (!store.recordDecision(command.commandId(), decision)) {
            return handle(command);
        }
        store.apply(state, decision.events());
        return decision;
    }

    private Decision decide(ConversationState state, ChatCommand command) {
        if (command instanceof SendMessage send) {
            return decider.decide(state, send, send.clientMessageId() == null ? Optional.empty()
                    : store.findMessage(send.conversationId(), send.senderId(), send.clientMessageId()));
        }
        return decider.decide(state, (MarkConversationRead) command);
    }
}
