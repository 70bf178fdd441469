package dev.chat.servicekit.readmodels;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.ReplyPreview;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * {@link ReadModels#HISTORY}: one stored message, keyed by {@code <conversationId>:<version>} so that every
 * access is a lookup by primary key. The one mapping to and from its document.
 *
 * @param editedAt   when its content was last edited; null if never
 * @param deleted    a tombstone: its content and attachments are gone, its sender and times remain
 * @param reactions  who reacted with what, in the order they did
 * @param replyTo    the message it answers, quoted as it read then; null if none
 */
public record HistoryEntry(String id, String messageId, String conversationId, long version, String senderId,
        String recipientId, List<String> participants, String clientMessageId, String content, String type,
        List<Attachment> attachments, Instant sentAt, boolean read, Instant readAt, Instant editedAt,
        boolean deleted, Instant deletedAt, List<Reaction> reactions, ReplyPreview replyTo) {

    /** Field names queries and updates need. */
    public static final String IS_READ = "isRead";
    public static final String READ_AT = "readAt";
    public static final String VERSION = "version";
    public static final String SENDER_ID = "senderId";
    public static final String CONTENT = "content";
    public static final String ATTACHMENTS = "attachments";
    public static final String EDITED_AT = "editedAt";
    public static final String DELETED = "deleted";
    public static final String DELETED_AT = "deletedAt";
    public static final String REACTIONS = "reactions";

    /** One user's reaction. */
    public record Reaction(String emoji, String userId) {

        public Document document() {
            return new Document("emoji", emoji).append("userId", userId);
        }
    }

    public HistoryEntry {
        participants = List.copyOf(participants);
        attachments = List.copyOf(attachments);
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }

    /** A message never edited, deleted, reacted to, nor answering another. */
    public HistoryEntry(String id, String messageId, String conversationId, long version, String senderId,
            String recipientId, List<String> participants, String clientMessageId, String content, String type,
            List<Attachment> attachments, Instant sentAt, boolean read, Instant readAt) {
        this(id, messageId, conversationId, version, senderId, recipientId, participants, clientMessageId, content,
                type, attachments, sentAt, read, readAt, null, false, null, List.of(), null);
    }

    public static String id(String conversationId, long version) {
        return conversationId + ":" + version;
    }

    /** A message as first stored: not yet read. */
    public static HistoryEntry of(MessageSent sent) {
        return new HistoryEntry(id(sent.conversationId(), sent.version()), sent.messageId(), sent.conversationId(),
                sent.version(), sent.senderId(), sent.recipientId(), sent.participants(), sent.clientMessageId(),
                sent.content(), sent.type().wireName(), sent.attachments(), sent.sentAt(), false, null, null, false,
                null, List.of(), sent.replyTo());
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
                .append("attachments", attachments.stream().map(HistoryEntry::attachmentDocument).toList())
                .append("sentAt", Date.from(sentAt))
                .append(IS_READ, read)
                .append(READ_AT, readAt == null ? null : Date.from(readAt))
                .append(EDITED_AT, date(editedAt))
                .append(DELETED, deleted)
                .append(DELETED_AT, date(deletedAt))
                .append(REACTIONS, reactions.stream().map(Reaction::document).toList())
                .append("replyTo", replyTo == null ? null : new Document("messageId", replyTo.messageId())
                        .append("senderId", replyTo.senderId()).append("preview", replyTo.preview()));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    public static HistoryEntry from(Document doc) {
        Document reply = doc.get("replyTo", Document.class);
        return new HistoryEntry(doc.getString("_id"), doc.getString("messageId"), doc.getString("conversationId"),
                doc.get(VERSION, Number.class).longValue(), doc.getString(SENDER_ID), doc.getString("recipientId"),
                doc.getList("participants", String.class, List.of()), doc.getString("clientMessageId"),
                doc.getString("content"), doc.getString("type"),
                doc.getList("attachments", Document.class, List.of()).stream()
                        .map(HistoryEntry::attachment).toList(),
                doc.getDate("sentAt").toInstant(), Boolean.TRUE.equals(doc.getBoolean(IS_READ)), instant(doc, READ_AT),
                instant(doc, EDITED_AT), Boolean.TRUE.equals(doc.getBoolean(DELETED)), instant(doc, DELETED_AT),
                doc.getList(REACTIONS, Document.class, List.of()).stream()
                        .map(r -> new Reaction(r.getString("emoji"), r.getString("userId"))).toList(),
                reply == null ? null : new ReplyPreview(reply.getString("messageId"), reply.getString("senderId"),
                        reply.getString("preview")));
    }

    /** An attachment as history keeps it: a link's url, type and name; an upload's description too. */
    private static Document attachmentDocument(Attachment a) {
        Document doc = new Document("url", a.url()).append("type", a.type()).append("name", a.name());
        if (a.isUpload()) {
            doc.append("id", a.id()).append("size", a.size()).append("width", a.width()).append("height", a.height())
                    .append("thumbnailUrl", a.thumbnailUrl());
        }
        return doc;
    }

    private static Attachment attachment(Document a) {
        Number size = a.get("size", Number.class);
        return new Attachment(a.getString("url"), a.getString("type"), a.getString("name"), a.getString("id"),
                size == null ? null : size.longValue(), a.getInteger("width"), a.getInteger("height"),
                a.getString("thumbnailUrl"));
    }
}
