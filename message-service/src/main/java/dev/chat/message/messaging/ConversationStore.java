package dev.chat.message.messaging;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ChatJson;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.ContractType;
import dev.chat.contracts.MessageSent;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * message-service's Mongo collections. Every write is a single-document, idempotent operation (the
 * Mongo stand-in has no multi-document transactions): re-applying a decision after a crash changes
 * nothing and burns no version.
 *
 * <ul>
 *   <li>{@code message_decisions}: one document per accepted command that produced events, keyed by
 *       command id. It is the idempotency record: a re-delivered command re-emits exactly these events.</li>
 *   <li>{@code messages}: the stored messages, unique per (conversation, sender, clientMessageId) and per
 *       (conversation, version).</li>
 *   <li>{@code conversation_states}: the decider's state per conversation, written only forward
 *       (conditional on a lower version).</li>
 * </ul>
 */
@Component
class ConversationStore {

    static final String DECISIONS = "message_decisions";
    static final String MESSAGES = "messages";
    static final String STATES = "conversation_states";

    private final MongoTemplate mongo;

    ConversationStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    void createIndexes() {
        mongo.execute(MESSAGES, c -> {
            c.createIndex(Indexes.ascending("conversationId", "senderId", "clientMessageId"),
                    new IndexOptions().unique(true).name("one_message_per_client_id"));
            c.createIndex(Indexes.ascending("conversationId", "version"),
                    new IndexOptions().unique(true).name("one_message_per_version"));
            return null;
        });
    }

    ConversationState load(String conversationId) {
        Document doc = mongo.execute(STATES, c -> c.find(new Document("_id", conversationId)).first());
        if (doc == null) {
            return ConversationState.empty(conversationId);
        }
        return new ConversationState(conversationId, doc.getList("participants", String.class),
                doc.get("version", Number.class).longValue(), longs(doc.get("readUpTo", Document.class)),
                longs(doc.get("lastMessageBy", Document.class)));
    }

    Optional<MessageSent> findMessage(String conversationId, String senderId, String clientMessageId) {
        Document doc = mongo.execute(MESSAGES, c -> c.find(new Document("conversationId", conversationId)
                .append("senderId", senderId).append("clientMessageId", clientMessageId)).first());
        return Optional.ofNullable(doc).map(d -> ChatJson.mapper().readValue(d.getString("json"), MessageSent.class));
    }

    /** The decision recorded earlier for this command, if the command was decided before. */
    Optional<Decision> findDecision(String commandId) {
        Document doc = mongo.execute(DECISIONS, c -> c.find(new Document("_id", commandId)).first());
        if (doc == null) {
            return Optional.empty();
        }
        List<ChatEvent> events = doc.getList("events", Document.class).stream()
                .map(e -> (ChatEvent) read(e))
                .toList();
        return Optional.of(new Decision(events, (CommandOutcome) read(doc.get("outcome", Document.class))));
    }

    /**
     * Records a decision so that a re-delivery of the command re-emits the same events.
     *
     * @return false if this command had already been recorded (a concurrent or earlier attempt)
     */
    boolean recordDecision(String commandId, Decision decision) {
        Document doc = new Document("_id", commandId)
                .append("conversationId", decision.outcome().conversationId())
                .append("events", decision.events().stream().map(ConversationStore::write).toList())
                .append("outcome", write(decision.outcome()))
                .append("decidedAt", new Date());
        try {
            mongo.execute(DECISIONS, c -> c.insertOne(doc));
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    /** Brings messages and conversation state up to date with the decided events; safe to repeat. */
    void apply(ConversationState current, List<ChatEvent> events) {
        for (ChatEvent event : events) {
            if (event instanceof MessageSent sent) {
                saveMessage(sent);
            }
        }
        List<ChatEvent> missing = events.stream().filter(e -> e.version() > current.version()).toList();
        if (!missing.isEmpty()) {
            saveState(current.applyAll(missing));
        }
    }

    private void saveMessage(MessageSent sent) {
        Document doc = new Document("_id", sent.messageId())
                .append("conversationId", sent.conversationId())
                .append("version", sent.version())
                .append("senderId", sent.senderId())
                .append("participants", sent.participants())
                .append("clientMessageId", sent.clientMessageId())
                .append("content", sent.content())
                .append("type", sent.type().wireName())
                .append("sentAt", Date.from(sent.sentAt()))
                .append("json", ChatJson.mapper().writeValueAsString(sent));
        mongo.execute(MESSAGES, c -> c.replaceOne(new Document("_id", sent.messageId()), doc,
                new ReplaceOptions().upsert(true)));
    }

    private void saveState(ConversationState state) {
        Document doc = new Document("_id", state.conversationId())
                .append("participants", state.participants())
                .append("version", state.version())
                .append("readUpTo", new Document(new HashMap<>(state.readUpTo())))
                .append("lastMessageBy", new Document(new HashMap<>(state.lastMessageBy())))
                .append("updatedAt", new Date());
        try {
            // Only forward: a state at this version or newer is already there.
            mongo.execute(STATES, c -> c.replaceOne(
                    new Document("_id", state.conversationId()).append("version", new Document("$lt", state.version())),
                    doc, new ReplaceOptions().upsert(true)));
        } catch (DuplicateKeyException alreadyNewer) {
            // the upsert found no older state but the document exists: it is at least as new
        }
    }

    private static Document write(Object payload) {
        return new Document("type", ContractType.of(payload).typeName())
                .append("data", ChatJson.mapper().writeValueAsString(payload));
    }

    private static Object read(Document doc) {
        ContractType type = ContractType.ofTypeName(doc.getString("type")).orElseThrow();
        return ChatJson.mapper().readValue(doc.getString("data"), type.javaType());
    }

    private static Map<String, Long> longs(Document doc) {
        Map<String, Long> map = new HashMap<>();
        if (doc != null) {
            doc.forEach((k, v) -> map.put(k, ((Number) v).longValue()));
        }
        return map;
    }
}
