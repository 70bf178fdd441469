package dev.chat.servicekit.readmodels;

import dev.chat.contracts.MessageSent;
import org.bson.Document;

/**
 * {@link ReadModels#MESSAGE_LOCATIONS}: where a message is, by its id — so an action named by message id
 * alone ({@code PATCH /api/messages/:messageId}) finds its conversation with a lookup by primary key.
 */
public record MessageLocation(String messageId, String conversationId, long version) {

    public static MessageLocation of(MessageSent sent) {
        return new MessageLocation(sent.messageId(), sent.conversationId(), sent.version());
    }

    public Document document() {
        return new Document("_id", messageId).append("conversationId", conversationId).append("version", version);
    }

    public static MessageLocation from(Document doc) {
        return new MessageLocation(doc.getString("_id"), doc.getString("conversationId"),
                doc.get("version", Number.class).longValue());
    }

    /** The history entry's id ({@code <conversationId>:<version>}). */
    public String historyId() {
        return HistoryEntry.id(conversationId, version);
    }
}
