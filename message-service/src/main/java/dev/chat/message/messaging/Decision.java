package dev.chat.message.messaging;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.MessageReported;
import java.util.List;

/**
 * What a command leads to: the events to record (possibly none), the answer to its sender, and the reports to
 * hand to moderation ({@code chat.reports.v1}, not the conversation's log).
 */
record Decision(List<ChatEvent> events, CommandOutcome outcome, List<MessageReported> reports) {

    Decision {
        events = List.copyOf(events);
        reports = List.copyOf(reports);
    }

    Decision(List<ChatEvent> events, CommandOutcome outcome) {
        this(events, outcome, List.of());
    }
}
