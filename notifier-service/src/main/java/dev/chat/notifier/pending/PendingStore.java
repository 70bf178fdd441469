package dev.chat.notifier.pending;

import com.mongodb.MongoWriteException;
import com.mongodb.ErrorCategory;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.chat.notifier.rules.Pending;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The one owner of {@code notify_pending}: read by id, written by compare-and-set on the revision read, so the
 * event listener and the dispatchers (on any instance) never overwrite each other's changes.
 */
@Component
public class PendingStore {

    /** A pending state as stored, with the revision a write must find to replace it (0: none stored). */
    public record Stored(Pending pending, long revision) {
    }

    private final MongoTemplate mongo;

    PendingStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(PendingDocuments.COLLECTION);
    }

    Map<String, Stored> load(Collection<String> ids) {
        Map<String, Stored> found = new HashMap<>();
        collection().find(Filters.in("_id", ids)).forEach(d -> found.put(d.getString("_id"), PendingDocuments.stored(d)));
        return found;
    }

    Optional<Stored> load(String userId, String conversationId) {
        return Optional.ofNullable(collection().find(new Document("_id", PendingDocuments.id(userId, conversationId)))
                .first()).map(PendingDocuments::stored);
    }

    /** Writes {@code pending} if the stored revision is still {@code revision}; false if someone wrote first. */
    boolean write(Pending pending, long revision) {
        Document next = PendingDocuments.document(pending, revision + 1);
        if (revision == 0) {
            try {
                collection().insertOne(next);
                return true;
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        // A plain {_id, revision} filter: an exact-match lookup, not a scan, on the local stand-in too.
        return collection().replaceOne(new Document("_id", next.getString("_id"))
                .append(PendingDocuments.REVISION, revision), next).getMatchedCount() == 1;
    }

    /** A compare-and-set write: {@code pending} where the stored revision is {@code revision} (0: none stored). */
    record Write(Pending pending, long revision) {
    }

    /**
     * Writes all in one round trip (fewer, larger writes cost the store far less than many small ones); returns
     * the ids of those whose stored revision had moved on meanwhile, for the caller to fold again.
     */
    java.util.Set<String> writeAll(List<Write> writes) {
        if (writes.isEmpty()) {
            return java.util.Set.of();
        }
        List<com.mongodb.client.model.WriteModel<Document>> models = writes.stream()
                .<com.mongodb.client.model.WriteModel<Document>>map(w -> {
                    Document next = PendingDocuments.document(w.pending(), w.revision() + 1);
                    return w.revision() == 0 ? new com.mongodb.client.model.InsertOneModel<>(next)
                            : new com.mongodb.client.model.ReplaceOneModel<>(new Document("_id", next.getString("_id"))
                                    .append(PendingDocuments.REVISION, w.revision()), next);
                }).toList();
        int applied;
        try {
            var result = collection().bulkWrite(models, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
            applied = result.getInsertedCount() + result.getMatchedCount();
        } catch (com.mongodb.MongoBulkWriteException conflict) {
            applied = -1;
        }
        if (applied == writes.size()) {
            return java.util.Set.of();
        }
        // Which ones did not land: the stored revision is not the one written.
        Map<String, Stored> now = load(writes.stream().map(w -> PendingDocuments.id(w.pending().userId(),
                w.pending().conversationId())).toList());
        java.util.Set<String> conflicts = new java.util.HashSet<>();
        for (Write w : writes) {
            String id = PendingDocuments.id(w.pending().userId(), w.pending().conversationId());
            Stored stored = now.get(id);
            if (stored == null || stored.revision() != w.revision() + 1 || !stored.pending().equals(w.pending())) {
                conflicts.add(id);
            }
        }
        return conflicts;
    }

    /**
     * Changes the stored state of {@code userId} in {@code conversationId} with {@code change}, again on the
     * newest one until no one wrote in between; nothing when none is stored.
     */
    public Optional<Pending> update(String userId, String conversationId, UnaryOperator<Pending> change) {
        while (true) {
            Optional<Stored> stored = load(userId, conversationId);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            Pending changed = change.apply(stored.get().pending());
            if (changed.equals(stored.get().pending()) || write(changed, stored.get().revision())) {
                return Optional.of(changed);
            }
        }
    }

    /**
     * Takes a due push for one attempt: its due time moves to {@code leaseUntil}, so no other instance takes it
     * meanwhile and, if this one dies, it is due again then (at least once). False if the state changed since.
     */
    public boolean claimPush(Stored stored, Instant leaseUntil) {
        return write(stored.pending().pushAt(leaseUntil), stored.revision());
    }

    /** States with a push due by {@code now}, oldest due first, at most {@code limit}. */
    public List<Stored> pushesDue(Instant now, int limit) {
        return due(PendingDocuments.PUSH_DUE, now, limit);
    }

    /** States with an email due by {@code now}, at most {@code limit}. */
    public List<Stored> emailsDue(Instant now, int limit) {
        return due(PendingDocuments.EMAIL_DUE, now, limit);
    }

    /** Every state of the user with an email due by {@code now} (one email covers them all). */
    public List<Stored> emailsDueFor(String userId, Instant now) {
        return collection().find(Filters.and(Filters.eq(PendingDocuments.USER, userId),
                        Filters.lte(PendingDocuments.EMAIL_DUE, Date.from(now))))
                .map(PendingDocuments::stored).into(new java.util.ArrayList<>());
    }

    private List<Stored> due(String field, Instant now, int limit) {
        return collection().find(Filters.lte(field, Date.from(now))).sort(new Document(field, 1)).limit(limit)
                .map(PendingDocuments::stored).into(new java.util.ArrayList<>());
    }

    /** How many states have something due (a gauge). */
    public long withSomethingDue() {
        return collection().countDocuments(Filters.or(Filters.lt(PendingDocuments.PUSH_DUE, PendingDocuments.NEVER),
                Filters.lt(PendingDocuments.EMAIL_DUE, PendingDocuments.NEVER)));
    }
}
