package dev.chat.projection.conversations;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import dev.chat.contracts.ConversationView;
import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.ReadModels;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code conversation_views}: one document per conversation, read and written by primary key. A write
 * is a compare-and-set on the version the projector read, so a second writer (a consumer that lost its
 * partition but has not noticed yet) can never overwrite a newer view with an older one.
 */
@Component
class ViewStore {

    /** Write {@code view} where the stored view is at {@code expectedVersion} (0: there is none yet). */
    record Write(long expectedVersion, ConversationView view) {
    }

    private final MongoTemplate mongo;

    ViewStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Map<String, ConversationView> load(Collection<String> conversationIds) {
        Map<String, ConversationView> views = new HashMap<>();
        mongo.getCollection(ReadModels.CONVERSATIONS).find(Filters.in("_id", conversationIds))
                .forEach(doc -> views.put(doc.getString("_id"), ConversationViewDocuments.view(doc)));
        return views;
    }

    /** Writes all in one round trip; returns the conversations whose stored view had moved on meanwhile. */
    Set<String> save(List<Write> writes) {
        if (writes.isEmpty()) {
            return Set.of();
        }
        List<WriteModel<Document>> models = writes.stream().<WriteModel<Document>>map(write -> write.expectedVersion() == 0
                ? new InsertOneModel<>(ConversationViewDocuments.document(write.view()))
                // A plain {_id, version} document (Filters.and would render as $and) matches the unique index of
                // that shape exactly: a lookup, not a scan, on the local stand-in too.
                : new ReplaceOneModel<>(new Document("_id", write.view().conversationId())
                        .append(ConversationViewDocuments.VERSION, write.expectedVersion()),
                        ConversationViewDocuments.document(write.view())))
                .toList();
        int applied;
        try {
            var result = mongo.getCollection(ReadModels.CONVERSATIONS).bulkWrite(models, new BulkWriteOptions().ordered(false));
            applied = result.getInsertedCount() + result.getMatchedCount();
        } catch (MongoBulkWriteException conflict) {
            // Duplicate keys: an insert found a view already there.
            applied = -1;
        }
        if (applied == writes.size()) {
            return Set.of();
        }
        Map<String, ConversationView> stored = load(writes.stream().map(w -> w.view().conversationId()).toList());
        Set<String> conflicts = new HashSet<>();
        for (Write write : writes) {
            ConversationView now = stored.get(write.view().conversationId());
            if (now == null || now.version() != write.view().version()) {
                conflicts.add(write.view().conversationId());
            }
        }
        return conflicts;
    }
}
