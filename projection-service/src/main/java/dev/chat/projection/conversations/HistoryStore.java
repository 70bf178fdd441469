package dev.chat.projection.conversations;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.conversions.Bson;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import dev.chat.servicekit.readmodels.HistoryEntry;
import dev.chat.servicekit.readmodels.ReadModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code message_history}: one document per message, its {@code _id} the event id
 * ({@code <conversationId>:<version>}), so every access is a lookup by primary key. That keeps each
 * operation's cost independent of how much history there is, on MongoDB and on the local stand-in alike
 * (which uses no secondary index for range queries).
 */
@Component
class HistoryStore {

    /** What a read needs to know about a message. */
    record Entry(String id, long version, String senderId, boolean read, boolean deleted) {

        static Entry of(HistoryEntry entry) {
            return new Entry(entry.id(), entry.version(), entry.senderId(), entry.read(), entry.deleted());
        }
    }

    /** A change to one stored message (an edit, a deletion, a reaction), applied in order after the inserts. */
    record Update(String id, Bson change) {
    }

    private static final int LOOKUP_CHUNK = 1000;

    private final MongoTemplate mongo;

    HistoryStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Inserts in one round trip. A message already there (a batch repeated after a crash) keeps its stored
     * document, read marks included: its duplicate-key error is expected and ignored.
     */
    void write(Collection<Document> messages) {
        insert(ReadModels.HISTORY, messages);
    }

    /** Where each message is, by id: written with the history, in one more round trip. */
    void locate(Collection<Document> locations) {
        insert(ReadModels.MESSAGE_LOCATIONS, locations);
    }

    private void insert(String collection, Collection<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            mongo.getCollection(collection).insertMany(List.copyOf(documents), new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException partly) {
            List<BulkWriteError> other = partly.getWriteErrors().stream()
                    .filter(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)
                    .toList();
            if (!other.isEmpty() || partly.getWriteConcernError() != null) {
                throw partly;
            }
        }
    }

    /** The stored messages among these versions of a conversation (versions that are not messages are absent). */
    List<Entry> find(String conversationId, long[] versions) {
        List<Entry> found = new ArrayList<>();
        for (int start = 0; start < versions.length; start += LOOKUP_CHUNK) {
            List<String> ids = new ArrayList<>();
            for (int i = start; i < Math.min(versions.length, start + LOOKUP_CHUNK); i++) {
                ids.add(HistoryEntry.id(conversationId, versions[i]));
            }
            mongo.getCollection(ReadModels.HISTORY).find(Filters.in("_id", ids))
                    .projection(Projections.include(HistoryEntry.VERSION, HistoryEntry.SENDER_ID, HistoryEntry.IS_READ,
                            HistoryEntry.DELETED))
                    .forEach(doc -> found.add(new Entry(doc.getString("_id"), doc.get(HistoryEntry.VERSION, Number.class).longValue(),
                            doc.getString(HistoryEntry.SENDER_ID), Boolean.TRUE.equals(doc.getBoolean(HistoryEntry.IS_READ)),
                            Boolean.TRUE.equals(doc.getBoolean(HistoryEntry.DELETED)))));
        }
        return found;
    }

    /** The stored messages among these versions, whole. */
    List<HistoryEntry> load(String conversationId, List<Long> versions) {
        List<String> ids = versions.stream().map(v -> HistoryEntry.id(conversationId, v)).toList();
        List<HistoryEntry> found = new ArrayList<>();
        mongo.getCollection(ReadModels.HISTORY).find(Filters.in("_id", ids)).forEach(doc -> found.add(HistoryEntry.from(doc)));
        return found;
    }

    /** Applies the changes in order, in one round trip. A change to a message not stored (yet) changes nothing. */
    void update(List<Update> updates) {
        if (updates.isEmpty()) {
            return;
        }
        mongo.getCollection(ReadModels.HISTORY).bulkWrite(updates.stream()
                .<WriteModel<Document>>map(u -> new UpdateOneModel<>(Filters.eq("_id", u.id()), u.change()))
                .toList(), new BulkWriteOptions().ordered(true));
    }

    void markRead(Collection<String> ids, Instant readAt) {
        List<String> all = List.copyOf(ids);
        for (int start = 0; start < all.size(); start += LOOKUP_CHUNK) {
            mongo.getCollection(ReadModels.HISTORY).updateMany(
                    Filters.in("_id", all.subList(start, Math.min(all.size(), start + LOOKUP_CHUNK))),
                    Updates.combine(Updates.set(HistoryEntry.IS_READ, true), Updates.set(HistoryEntry.READ_AT, Date.from(readAt))));
        }
    }
}
