package dev.chat.gateway.realtime;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.PresenceChanged;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.wire.WirePresence;
import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.ReadModels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Everyone's latest presence (from the compacted {@code chat.presence.v1}), and who here should hear of
 * whose changes: a user's sessions get the presence of everyone they share a conversation with.
 */
@Component
class PresenceBoard {

    private static final Logger log = LoggerFactory.getLogger(PresenceBoard.class);

    private final SessionRegistry sessions;
    private final ReactiveMongoTemplate mongo;
    private final boolean contactsOnly;
    private final Map<String, PresenceChanged> presence = new ConcurrentHashMap<>();
    /** Who should hear about whose presence: watched user → local users sharing a conversation with them. */
    private final Map<String, Set<String>> watchers = new ConcurrentHashMap<>();

    PresenceBoard(SessionRegistry sessions, ReactiveMongoTemplate mongo, GatewayProperties properties) {
        this.sessions = sessions;
        this.mongo = mongo;
        this.contactsOnly = properties.presenceVisibility() == GatewayProperties.PresenceVisibility.CONTACTS;
    }

    /**
     * The latest known presence of each user as {@code viewer} may see it: their own and their contacts'
     * (users they share a conversation with) — or everyone's if so configured. Others, like users never
     * seen, appear offline with no lastSeenAt.
     */
    Mono<List<WirePresence>> presenceFor(String viewer, List<String> userIds) {
        Mono<Set<String>> visible = contactsOnly ? contactsOf(viewer).collect(Collectors.toSet()) : Mono.just(Set.of());
        return visible.map(contacts -> userIds.stream()
                .map(id -> WirePresence.of(id, !contactsOnly || id.equals(viewer) || contacts.contains(id)
                        ? presence.get(id) : null))
                .toList());
    }

    /** Everyone who shares a conversation with {@code userId}. */
    private Flux<String> contactsOf(String userId) {
        return mongo.find(Query.query(Criteria.where(ConversationViewDocuments.PARTICIPANTS).is(userId)),
                        Document.class, ReadModels.CONVERSATIONS)
                .flatMapIterable(view -> view.getList(ConversationViewDocuments.PARTICIPANTS, String.class))
                .filter(partner -> !partner.equals(userId))
                .distinct();
    }

    /** A session started: tell it where its conversation partners are, and keep it told. */
    void introduce(Session session) {
        contactsOf(session.userId())
                .doOnNext(partner -> {
                    watch(partner, session.userId());
                    session.push(Frames.presence(WirePresence.of(partner, presence.get(partner))));
                })
                .subscribe(null, e -> log.warn("Could not load {}'s contacts: {}", session.userId(), e.toString()));
    }

    /**
     * A conversation started between these users: those with sessions here watch the others, and are told
     * where their new contacts are now (a stream tells a session its contacts only when it starts).
     */
    void acquainted(List<String> participants) {
        for (String a : participants) {
            for (String b : participants) {
                if (!a.equals(b) && sessions.hasSessions(b) && watch(a, b)) {
                    Frame frame = Frames.presence(WirePresence.of(a, presence.get(a)));
                    sessions.sessionsOf(b).forEach(session -> session.push(frame));
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

    /** True if {@code watcher} did not watch {@code watched} yet. */
    private boolean watch(String watched, String watcher) {
        return watchers.computeIfAbsent(watched, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    }
}
