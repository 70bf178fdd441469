package dev.chat.local.faults;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.MessageSent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What must hold after every fault, checked against what the clients saw: each message sent is in the
 * event log exactly once under the id it was acknowledged with, the conversation's versions run 1, 2, 3 …
 * without a gap or a repeat, the receiver got every message once and in order, and the read model lists
 * each exactly once. Pure: returns what is wrong, in words.
 */
public final class Audit {

    private Audit() {
    }

    /** The conversation's events, in log order, against its clients' records. */
    public static List<String> eventLog(Conversation conversation, List<ChatEvent> events) {
        List<String> problems = new ArrayList<>();
        String id = conversation.conversationId();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).version() != i + 1) {
                problems.add(id + ": event " + (i + 1) + " has version " + events.get(i).version());
                break;
            }
        }
        Map<String, MessageSent> stored = new HashMap<>();
        List<Long> messageVersions = new ArrayList<>();
        for (ChatEvent event : events) {
            if (event instanceof MessageSent sent) {
                messageVersions.add(sent.version());
                if (stored.put(sent.clientMessageId(), sent) != null) {
                    problems.add(id + ": " + sent.clientMessageId() + " stored more than once");
                }
            }
        }
        for (Conversation.Outgoing message : conversation.messages()) {
            MessageSent sent = stored.get(message.clientMessageId);
            if (sent == null) {
                problems.add(id + ": " + message.clientMessageId + " is not in the event log");
            } else if (!sent.messageId().equals(message.messageId) || sent.version() != message.version) {
                problems.add(id + ": " + message.clientMessageId + " is " + sent.messageId() + " v" + sent.version()
                        + " in the log but was acknowledged as " + message.messageId + " v" + message.version);
            }
        }
        if (stored.size() != conversation.sent()) {
            problems.add(id + ": " + stored.size() + " messages in the log, " + conversation.sent() + " sent");
        }
        if (!conversation.receivedVersions().equals(messageVersions)) {
            problems.add(id + ": " + conversation.receiverId + " got versions " + conversation.receivedVersions()
                    + ", the log has " + messageVersions);
        }
        return problems;
    }

    /** The conversation's history as the read model lists it (message ids, oldest first). */
    public static List<String> readModel(Conversation conversation, List<String> historyIds) {
        List<String> acknowledged = conversation.messages().stream()
                .sorted(java.util.Comparator.comparingLong(m -> m.version))
                .map(m -> m.messageId)
                .toList();
        return historyIds.equals(acknowledged) ? List.of()
                : List.of(conversation.conversationId() + ": the read model lists " + historyIds.size()
                        + " messages " + summary(historyIds) + ", acknowledged " + acknowledged.size() + " "
                        + summary(acknowledged));
    }

    private static String summary(List<String> ids) {
        return ids.size() <= 6 ? ids.toString() : ids.subList(0, 3) + "…" + ids.subList(ids.size() - 3, ids.size());
    }
}
