package dev.chat.message.messaging;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.MessageReported;
import java.util.List;

/**
 * What a command leads to: the events to record (possibly none), the answer to its sender, the reports to hand to
 * moderation ({@code chat.reports.v1}) and the changes of a pair's block ({@code chat.blocks.v1}) — neither on the
 * conversation's log, which its members read.
 */
record Decision(List<ChatEvent> events, CommandOutcome outcome, List<MessageReported> reports,
        List<BlockChanged> blocks) {

    Decision {
        events = List.copyOf(events);
        reports = List.copyOf(reports);
        blocks = List.copyOf(blocks);
    }

    Decision(List<ChatEvent> events, CommandOutcome outcome) {
        this(events, outcome, List.of(), List.of());
    }
}
