package dev.chat.gateway.realtime;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.PresenceChanged;
import dev.chat.gateway.wire.WirePresence;
import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.ReadModels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Everyone's latest presence (from the compacted {@code chat.presence.v1}), and who here should hear of
 * whose changes: a user's sessions get the presence of everyone they share a conversation with.
 */
@Component
class PresenceBoard {

    private static final Logger log = LoggerFactory.getLogger(PresenceBoard.class);

    private final SessionRegistry sessions;
    private final ReactiveMongoTemplate mongo;
    private final Map<String, PresenceChanged> presence = new ConcurrentHashMap<>();
    /** Who should hear about whose presence: watched user → local users sharing a conversation with them. */
    private final Map<String, Set<String>> watchers = new ConcurrentHashMap<>();

    PresenceBoard(SessionRegistry sessions, ReactiveMongoTemplate mongo) {
        this.sessions = sessions;
        this.mongo = mongo;
    }

    /** The latest known presence of each user (offline with no lastSeenAt if never seen). */
    List<WirePresence> presenceOf(List<String> userIds) {
        return userIds.stream().map(id -> WirePresence.of(id, presence.get(id))).toList();
    }

    /** A session started: tell it where its conversation partners are, and keep it told. */
    void introduce(Session session) {
        mongo.find(Query.query(Criteria.where(ConversationViewDocuments.PARTICIPANTS).is(session.userId())),
                        Document.class, ReadModels.CONVERSATIONS)
                .flatMapIterable(view -> view.getList(ConversationViewDocuments.PARTICIPANTS, String.class))
                .filter(partner -> !partner.equals(session.userId()))
                .distinct()
                .doOnNext(partner -> {
                    watch(partner, session.userId());
                    session.push(Frames.presence(WirePresence.of(partner, presence.get(partner))));
                })
                .subscribe(null, e -> log.warn("Could not load {}'s contacts: {}", session.userId(), e.toString()));
    }

    /** A conversation started between these users: those with sessions here watch the others. */
    void acquainted(List<String> participants) {
        for (String a : participants) {
            for (String b : participants) {
                if (!a.equals(b) && sessions.hasSessions(b)) {
                    watch(a, b);
                }
            }
        }
    }

    /** A record of {@code chat.presence.v1}. */
    void onPresence(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            presence.remove(record.key());
            return;
        }
        PresenceChanged change = CloudEventCodec.decode(record, PresenceChanged.class).data();
        PresenceChanged previous = presence.get(change.userId());
        if (previous != null && previous.changedAt().isAfter(change.changedAt())) {
            return;
        }
        presence.put(change.userId(), change);
        Frame frame = Frames.presence(WirePresence.of(change.userId(), change));
        for (String watcher : watchers.getOrDefault(change.userId(), Set.of())) {
            sessions.sessionsOf(watcher).forEach(session -> session.push(frame));
        }
    }

    private void watch(String watched, String watcher) {
        watchers.computeIfAbsent(watched, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    }
}
