package dev.chat.notifier.pending;

import dev.chat.notifier.rules.Pending;
import dev.chat.notifier.rules.PendingMessage;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * {@code notify_pending} documents: one per user and conversation, {@code _id} = user id, a space, conversation
 * id (neither contains a space). {@code revision} counts every write, by the event listener and the dispatchers
 * alike, so each write is a compare-and-set on the revision it read.
 */
final class PendingDocuments {

    static final String COLLECTION = "notify_pending";
    static final String REVISION = "revision";
    static final String PUSH_DUE = "pushDueAt";
    static final String EMAIL_DUE = "emailDueAt";
    static final String USER = "userId";

    private PendingDocuments() {
    }

    static String id(String userId, String conversationId) {
        return userId + " " + conversationId;
    }

    static Document document(Pending p, long revision) {
        return new Document("_id", id(p.userId(), p.conversationId()))
                .append(REVISION, revision)
                .append(USER, p.userId())
                .append("conversationId", p.conversationId())
                .append("group", p.group())
                .append("appliedVersion", p.appliedVersion())
                .append("messages", p.messages().stream().map(PendingDocuments::message).toList())
                .append("older", p.older())
                .append("pushedUpTo", p.pushedUpTo())
                .append("emailedUpTo", p.emailedUpTo())
                // Never null: "due by now" queries compare dates, and a far future date is "not due".
                .append(PUSH_DUE, date(p.pushDueAt()))
                .append(EMAIL_DUE, date(p.emailDueAt()));
    }

    private static Document message(PendingMessage m) {
        Document message = new Document("messageId", m.messageId()).append("version", m.version())
                .append("senderId", m.senderId()).append("text", m.text()).append("sentAt", Date.from(m.sentAt()))
                .append("mention", m.mention()).append("pushable", m.pushable());
        return m.traceparent() == null ? message : message.append("traceparent", m.traceparent());
    }

    static PendingStore.Stored stored(Document d) {
        List<PendingMessage> messages = d.getList("messages", Document.class, List.of()).stream()
                .map(m -> new PendingMessage(m.getString("messageId"), m.getLong("version"), m.getString("senderId"),
                        m.getString("text"), m.getDate("sentAt").toInstant(), m.getBoolean("mention", false),
                        m.getBoolean("pushable", true), m.getString("traceparent")))
                .toList();
        Pending pending = new Pending(d.getString(USER), d.getString("conversationId"), d.getBoolean("group", false),
                d.getLong("appliedVersion"), messages, d.getInteger("older", 0), d.getLong("pushedUpTo"),
                d.getLong("emailedUpTo"), instant(d.getDate(PUSH_DUE)), instant(d.getDate(EMAIL_DUE)));
        return new PendingStore.Stored(pending, d.getLong(REVISION));
    }

    static final Date NEVER = Date.from(Instant.parse("9999-12-31T00:00:00Z"));

    private static Date date(Instant instant) {
        return instant == null ? NEVER : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null || date.equals(NEVER) ? null : date.toInstant();
    }
}
