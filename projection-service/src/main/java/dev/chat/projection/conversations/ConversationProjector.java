package dev.chat.projection.conversations;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import dev.chat.contracts.Attachment;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import dev.chat.projection.ReadModels;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies conversation events to the read models. The conversation view's {@code version} is the
 * checkpoint: an event at or below it was applied already and changes nothing, so redelivery and
 * replay are harmless. Each event ends with one conditional single-document update of the view;
 * the history writes before it are idempotent on their own.
 */
@Component
class ConversationProjector {

    private final MongoTemplate mongo;

    ConversationProjector(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void apply(ChatEvent event) {
        Document view = mongo.execute(ReadModels.CONVERSATIONS, c -> c.find(new Document("_id", event.conversationId()))
                .projection(new Document("version", 1).append("readUpTo", 1)).first());
        long applied = view == null ? 0 : view.get("version", Number.class).longValue();
        if (applied >= event.version()) {
            return;
        }
        if (event instanceof ConversationStarted started) {
            started(started);
        } else if (event instanceof MessageSent sent) {
            sent(sent);
        } else if (event instanceof MessagesRead read) {
            read(read, readPosition(view, read.readerId()));
        }
    }

    private static long readPosition(Document view, String userId) {
        Document readUpTo = view == null ? null : view.get("readUpTo", Document.class);
        Object position = readUpTo == null ? null : readUpTo.get(userId);
        return position == null ? 0 : ((Number) position).longValue();
    }

    private void started(ConversationStarted started) {
        Document unread = new Document();
        Document readUpTo = new Document();
        started.participants().forEach(p -> {
            unread.append(p, 0);
            readUpTo.append(p, 0L);
        });
        Document view = new Document("_id", started.conversationId())
                .append("version", started.version())
                .append("kind", started.kind())
                .append("participants", started.participants())
                .append("startedAt", Date.from(started.startedAt()))
                .append("lastMessage", null)
                .append("lastMessageAt", Date.from(started.startedAt()))
                .append("unread", unread)
                .append("readUpTo", readUpTo);
        try {
            mongo.execute(ReadModels.CONVERSATIONS, c -> c.replaceOne(olderThan(started), view,
                    new ReplaceOptions().upsert(true)));
        } catch (DuplicateKeyException alreadyApplied) {
            // the view exists at this version or later
        }
    }

    private void sent(MessageSent sent) {
        Document message = new Document("_id", sent.messageId())
                .append("conversationId", sent.conversationId())
                .append("version", sent.version())
                .append("senderId", sent.senderId())
                .append("recipientId", sent.recipientId())
                .append("participants", sent.participants())
                .append("clientMessageId", sent.clientMessageId())
                .append("content", sent.content())
                .append("type", sent.type().wireName())
                .append("attachments", sent.attachments().stream().map(ConversationProjector::attachment).toList())
                .append("sentAt", Date.from(sent.sentAt()))
                .append("isRead", false)
                .append("readAt", null);
        mongo.execute(ReadModels.HISTORY, c -> c.replaceOne(new Document("_id", sent.messageId()), message,
                new ReplaceOptions().upsert(true)));

        Document unreadIncrements = new Document();
        sent.participants().stream().filter(p -> !p.equals(sent.senderId()))
                .forEach(p -> unreadIncrements.append("unread." + p, 1));
        Document update = new Document("$set", new Document("version", sent.version())
                .append("lastMessage", new Document("messageId", sent.messageId())
                        .append("content", sent.content())
                        .append("senderId", sent.senderId())
                        .append("type", sent.type().wireName())
                        .append("version", sent.version())
                        .append("sentAt", Date.from(sent.sentAt())))
                .append("lastMessageAt", Date.from(sent.sentAt())));
        if (!unreadIncrements.isEmpty()) {
            update.append("$inc", unreadIncrements);
        }
        mongo.execute(ReadModels.CONVERSATIONS, c -> c.updateOne(olderThan(sent), update));
    }

    private void read(MessagesRead read, long previousPosition) {
        // A read never moves a read position backwards.
        long upTo = Math.max(previousPosition, read.upToVersion());
        Date readAt = Date.from(read.readAt());
        // Messages from others up to the read position become read; already-read ones keep their readAt.
        mongo.execute(ReadModels.HISTORY, c -> c.updateMany(new Document("conversationId", read.conversationId())
                        .append("senderId", new Document("$ne", read.readerId()))
                        .append("version", new Document("$lte", upTo))
                        .append("isRead", false),
                new Document("$set", new Document("isRead", true).append("readAt", readAt))));
        // Unread afterwards: messages from others after the read position and before this event.
        long stillUnread = mongo.execute(ReadModels.HISTORY, c -> c.countDocuments(
                new Document("conversationId", read.conversationId())
                        .append("senderId", new Document("$ne", read.readerId()))
                        .append("version", new Document("$gt", upTo).append("$lt", read.version()))));
        Document update = new Document("$set", new Document("version", read.version())
                .append("unread." + read.readerId(), (int) stillUnread))
                .append("$max", new Document("readUpTo." + read.readerId(), upTo));
        mongo.execute(ReadModels.CONVERSATIONS, c -> c.updateOne(olderThan(read), update,
                new UpdateOptions().upsert(false)));
    }

    private static Document olderThan(ChatEvent event) {
        return new Document("_id", event.conversationId()).append("version", new Document("$lt", event.version()));
    }

    private static Document attachment(Attachment attachment) {
        return new Document("url", attachment.url()).append("type", attachment.type()).append("name", attachment.name());
    }

}
