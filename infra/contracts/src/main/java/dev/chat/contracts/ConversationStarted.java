package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** A conversation came into being; always version 1. {@code kind}: a {@link ConversationKind}. */
public record ConversationStarted(
        String conversationId,
        long version,
        String kind,
        List<String> participants,
        String startedBy,
        Instant startedAt) implements ChatEvent {

    public ConversationStarted {
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return startedAt;
    }
}
