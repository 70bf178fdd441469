package dev.chat.servicekit.readmodels;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.MessageSent;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * {@link ReadModels#HISTORY}: one stored message, keyed by {@code <conversationId>:<version>} so that every
 * access is a lookup by primary key. The one mapping to and from its document.
 */
public record HistoryEntry(String id, String messageId, String conversationId, long version, String senderId,
        String recipientId, List<String> participants, String clientMessageId, String content, String type,
        List<Attachment> attachments, Instant sentAt, boolean read, Instant readAt) {

    /** Field names queries and updates need. */
    public static final String IS_READ = "isRead";
    public static final String READ_AT = "readAt";
    public static final String VERSION = "version";
    public static final String SENDER_ID = "senderId";

    public HistoryEntry {
        participants = List.copyOf(participants);
        attachments = List.copyOf(attachments);
    }

    public static String id(String conversationId, long version) {
        return conversationId + ":" + version;
    }

    /** A message as first stored: not yet read. */
    public static HistoryEntry of(MessageSent sent) {
        return new HistoryEntry(id(sent.conversationId(), sent.version()), sent.messageId(), sent.conversationId(),
                sent.version(), sent.senderId(), sent.recipientId(), sent.participants(), sent.clientMessageId(),
                sent.content(), sent.type().wireName(), sent.attachments(), sent.sentAt(), false, null);
    }

    public Document document() {
        return new Document("_id", id)
                .append("messageId", messageId)
                .append("conversationId", conversationId)
                .append(VERSION, version)
                .append(SENDER_ID, senderId)
                .append("recipientId", recipientId)
                .append("participants", participants)
                .append("clientMessageId", clientMessageId)
                .append("content", content)
                .append("type", type)
                .append("attachments", attachments.stream().map(a -> new Document("url", a.url())
                        .append("type", a.type()).append("name", a.name())).toList())
                .append("sentAt", Date.from(sentAt))
                .append(IS_READ, read)
                .append(READ_AT, readAt == null ? null : Date.from(readAt));
    }

    public static HistoryEntry from(Document doc) {
        Date readAt = doc.getDate(READ_AT);
        return new HistoryEntry(doc.getString("_id"), doc.getString("messageId"), doc.getString("conversationId"),
                doc.get(VERSION, Number.class).longValue(), doc.getString(SENDER_ID), doc.getString("recipientId"),
                doc.getList("participants", String.class, List.of()), doc.getString("clientMessageId"),
                doc.getString("content"), doc.getString("type"),
                doc.getList("attachments", Document.class, List.of()).stream()
                        .map(a -> new Attachment(a.getString("url"), a.getString("type"), a.getString("name"))).toList(),
                doc.getDate("sentAt").toInstant(), Boolean.TRUE.equals(doc.getBoolean(IS_READ)),
                readAt == null ? null : readAt.toInstant());
    }
}
