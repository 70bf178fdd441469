package dev.chat.gateway.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandRejected;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Publishes a command that changes a conversation (group changes, edits, deletions, reactions) and turns
 * message-service's answer into an {@link ActionOutcome}. The commands are built by their use cases; the
 * issuer is always the authenticated user.
 */
@Component
public class ConversationCommands {

    private final CommandBus commands;

    ConversationCommands(CommandBus commands) {
        this.commands = commands;
    }

    public Mono<ActionOutcome> submit(ChatCommand command) {
        return commands.submit(command).<ActionOutcome>map(outcome -> {
            if (outcome.isEmpty()) {
                return new ActionOutcome.Pending();
            }
            if (outcome.get() instanceof CommandRejected rejected) {
                return new ActionOutcome.Refused(Refusal.of(rejected));
            }
            CommandAccepted accepted = (CommandAccepted) outcome.get();
            return new ActionOutcome.Done(accepted.conversationId(),
                    accepted.conversationVersion() == null ? 0 : accepted.conversationVersion());
        }).onErrorResume(CommandBus.Overloaded.class, busy -> Mono.just(new ActionOutcome.Refused(busy.refusal())));
    }
}
