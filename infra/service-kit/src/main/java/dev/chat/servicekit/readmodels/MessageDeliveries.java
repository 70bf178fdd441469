package dev.chat.servicekit.readmodels;

import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * {@link ReadModels#DELIVERIES}: per conversation, the highest version each member's devices got (from
 * chat.deliveries.v1). The one mapping to and from its document.
 *
 * @param upTo per user, every message up to this version that others sent reached one of their devices
 */
public record MessageDeliveries(String conversationId, Map<String, Long> upTo) {

    /** The field of the document that holds {@code upTo}; a user's entry is {@code upTo.<userId>}. */
    public static final String UP_TO = "upTo";

    public MessageDeliveries {
        upTo = Map.copyOf(upTo);
    }

    /** A conversation nothing was delivered in yet. */
    public static MessageDeliveries none(String conversationId) {
        return new MessageDeliveries(conversationId, Map.of());
    }

    /** The field a user's position is kept in (user ids are {@code [A-Za-z0-9_-]}: no dots, no dollars). */
    public static String upToField(String userId) {
        return UP_TO + "." + userId;
    }

    /**
     * Whether the message reached a device of someone other than its sender: delivered there, or read (a message
     * read was delivered, also where the delivery was never recorded: before receipts, or past the topic's retention).
     */
    public boolean delivered(HistoryEntry entry) {
        if (entry.read()) {
            return true;
        }
        return upTo.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(entry.senderId()) && e.getValue() >= entry.version());
    }

    public static MessageDeliveries from(Document doc) {
        Map<String, Long> upTo = new HashMap<>();
        Document positions = doc.get(UP_TO, Document.class);
        if (positions != null) {
            positions.forEach((user, version) -> upTo.put(user, ((Number) version).longValue()));
        }
        return new MessageDeliveries(doc.getString("_id"), upTo);
    }
}
