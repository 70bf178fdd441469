package dev.chat.servicekit.readmodels;

import dev.chat.contracts.ConversationView;
import dev.chat.contracts.MessageType;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/** {@link ReadModels#CONVERSATIONS}: a {@link ConversationView} as a document, and back. The one mapping. */
public final class ConversationViewDocuments {

    /** Field names queries need. */
    public static final String PARTICIPANTS = "participants";
    public static final String LAST_MESSAGE_AT = "lastMessageAt";
    public static final String VERSION = "version";
    /** Per former member, the version at which they left: {@code leftAt.<userId>} exists for them. */
    public static final String LEFT_AT = "leftAt";
    public static final String JOINED_AT = "joinedAt";
    /** Who created the conversation or wrote in it: whose presence the other members may see. */
    public static final String SPEAKERS = "speakers";

    private ConversationViewDocuments() {
    }

    /** The path of a user's unread count, for queries and aggregations. */
    public static String unreadOf(String userId) {
        return "unread." + userId;
    }

    public static Document document(ConversationView view) {
        ConversationView.LastMessage last = view.lastMessage();
        return new Document("_id", view.conversationId())
                .append(VERSION, view.version())
                .append("kind", view.kind())
                .append(PARTICIPANTS, view.participants())
                .append("startedAt", Date.from(view.startedAt()))
                .append("lastMessage", last == null ? null : new Document("messageId", last.messageId())
                        .append("content", last.content())
                        .append("senderId", last.senderId())
                        .append("type", last.type().wireName())
                        .append("version", last.version())
                        .append("sentAt", Date.from(last.sentAt()))
                        .append("editedAt", last.editedAt() == null ? null : Date.from(last.editedAt())))
                .append(LAST_MESSAGE_AT, Date.from(view.lastMessageAt()))
                .append("unread", new Document(new HashMap<>(view.unread())))
                .append("readUpTo", new Document(new HashMap<>(view.readUpTo())))
                .append("name", view.name())
                .append("admins", view.admins())
                .append(JOINED_AT, view.joinedAt() == null ? null : new Document(new HashMap<>(view.joinedAt())))
                .append(LEFT_AT, view.leftAt() == null ? null : new Document(new HashMap<>(view.leftAt())))
                .append(SPEAKERS, view.speakers());
    }

    public static ConversationView view(Document doc) {
        Document last = doc.get("lastMessage", Document.class);
        return new ConversationView(doc.getString("_id"), doc.get(VERSION, Number.class).longValue(),
                doc.getString("kind"), doc.getList(PARTICIPANTS, String.class), doc.getDate("startedAt").toInstant(),
                last == null ? null : new ConversationView.LastMessage(last.getString("messageId"),
                        last.getString("senderId"), last.getString("content"), MessageType.fromWire(last.getString("type")),
                        last.get("version", Number.class).longValue(), last.getDate("sentAt").toInstant(),
                        last.getDate("editedAt") == null ? null : last.getDate("editedAt").toInstant()),
                doc.getDate(LAST_MESSAGE_AT).toInstant(), longs(doc.get("unread", Document.class)),
                longs(doc.get("readUpTo", Document.class)), doc.getString("name"),
                doc.getList("admins", String.class), longs(doc.get(JOINED_AT, Document.class)),
                longs(doc.get(LEFT_AT, Document.class)), doc.getList(SPEAKERS, String.class));
    }

    private static Map<String, Long> longs(Document doc) {
        Map<String, Long> map = new HashMap<>();
        if (doc != null) {
            doc.forEach((key, value) -> map.put(key, ((Number) value).longValue()));
        }
        return map;
    }
}
