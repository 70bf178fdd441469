package dev.chat.message.messaging;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandOutcome;
import java.util.List;

/** What a command leads to: the events to record (possibly none) and the answer to its sender. */
record Decision(List<ChatEvent> events, CommandOutcome outcome) {

    Decision {
        events = List.copyOf(events);
    }
}
