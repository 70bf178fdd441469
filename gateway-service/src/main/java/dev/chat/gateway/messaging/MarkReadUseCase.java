package dev.chat.gateway.messaging;

import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MarkConversationRead;
import java.time.Instant;
import java.util.UUID;
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

    public Mono<ReadOutcome> markRead(String userId, String conversationId, Long upToVersion) {
        if (conversationId == null || conversationId.isBlank()) {
            return Mono.just(new ReadOutcome.Refused(Refusal.invalid("conversationId is required")));
        }
        if (!Ids.isConversationId(conversationId)) {
            return Mono.just(new ReadOutcome.Refused(Refusal.invalid("conversationId is not a conversation's id")));
        }
        return commands.submit(new MarkConversationRead(UUID.randomUUID().toString(), conversationId, userId,
                upToVersion, Instant.now())).<ReadOutcome>map(outcome -> {
                    if (outcome.isEmpty()) {
                        return new ReadOutcome.Pending();
                    }
                    if (outcome.get() instanceof CommandRejected rejected) {
                        return new ReadOutcome.Refused(Refusal.of(rejected));
                    }
                    CommandAccepted accepted = (CommandAccepted) outcome.get();
                    return new ReadOutcome.Read(accepted.conversationId(),
                            accepted.readUpToVersion() == null ? 0 : accepted.readUpToVersion(),
                            accepted.conversationVersion());
                })
                .onErrorResume(CommandBus.Overloaded.class, busy -> Mono.just(new ReadOutcome.Refused(busy.refusal())));
    }
}
