package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/** A conversation came into being; always version 1. */
public record ConversationStarted(
        String conversationId,
        long version,
        String kind,
        List<String> participants,
        String startedBy,
        Instant startedAt) implements ChatEvent {

    public static final String DIRECT = "direct";

    public ConversationStarted {
        participants = List.copyOf(participants);
    }

    @Override
    public Instant occurredAt() {
        return startedAt;
    }
}
