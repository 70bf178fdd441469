package dev.chat.gateway.messaging;

import dev.chat.contracts.Ids;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.gateway.commands.CommandBus;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.Refusal;
import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user marks a conversation read (up to a version, or everything): publish {@link MarkConversationRead},
 * await the decision. The effect reaches the user's sessions through the event log.
 */
@Component
public class MarkReadUseCase {

    private final CommandBus commands;

    MarkReadUseCase(CommandBus commands) {
        this.commands = commands;
    }

    /** Accepted: its outcome's {@code readUpToVersion} says how far the user has now read (null: nothing to read). */
    public Mono<CommandResult> markRead(String userId, String conversationId, Long upToVersion) {
        if (conversationId == null || conversationId.isBlank()) {
            return Mono.just(CommandResult.refused(Refusal.invalid("conversationId is required")));
        }
        if (!Ids.isConversationId(conversationId)) {
            return Mono.just(CommandResult.refused(Refusal.invalid("conversationId is not a conversation's id")));
        }
        return commands.submit(new MarkConversationRead(CommandBus.newCommandId(), conversationId, userId,
                upToVersion, Instant.now()));
    }
}
