package dev.chat.gateway.conversations;

import dev.chat.contracts.ConversationView;
import java.util.Date;
import java.util.Map;
import org.bson.Document;

/** Shapes of projection-service's {@code conversation_views} documents as the API shows them. */
public final class ConversationViews {

    private ConversationViews() {
    }

    /** The view's last message as the original API's conversation list showed it; null if none. */
    public static Map<String, Object> lastMessage(Document view) {
        Document last = view.get("lastMessage", Document.class);
        return last == null ? null : Map.of(
                "_id", last.getString("messageId"),
                "content", last.getString("content"),
                "sender", last.getString("senderId"),
                "createdAt", iso(last.getDate("sentAt")));
    }

    /** The same shape from a view published on chat.conversation-views.v1. */
    public static Map<String, Object> lastMessage(ConversationView.LastMessage last) {
        return last == null ? null : Map.of(
                "_id", last.messageId(),
                "content", last.content(),
                "sender", last.senderId(),
                "createdAt", last.sentAt().toString());
    }

    static String iso(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
