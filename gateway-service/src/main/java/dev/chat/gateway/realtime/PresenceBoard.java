package dev.chat.gateway.realtime;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.PresenceChanged;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.blocklist.BlockList;
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
 * whose changes. By consent ({@code contacts}, the default): a user's sessions get the presence of those who
 * created, or wrote in, a conversation they share (the view's {@code speakers}) — putting someone into a group or
 * writing to them shows the newcomer nothing of them until they write back. With {@code members}: of everyone who
 * shares a conversation with them.
 */
@Component
class PresenceBoard {

    private static final Logger log = LoggerFactory.getLogger(PresenceBoard.class);

    private final SessionRegistry sessions;
    private final ReactiveMongoTemplate mongo;
    private final BlockList blocks;
    private final boolean contactsOnly;
    /** Presence follows consent (speakers), not mere membership. */
    private final boolean byConsent;
    private final Map<String, PresenceChanged> presence = new ConcurrentHashMap<>();
    /** Who should hear about whose presence: watched user → local users sharing a conversation with them. */
    private final Map<String, Set<String>> watchers = new ConcurrentHashMap<>();

    PresenceBoard(SessionRegistry sessions, ReactiveMongoTemplate mongo, BlockList blocks, GatewayProperties properties) {
        this.sessions = sessions;
        this.blocks = blocks;
        this.mongo = mongo;
        this.contactsOnly = properties.presenceVisibility() != GatewayProperties.PresenceVisibility.EVERYONE;
        this.byConsent = properties.presenceVisibility() == GatewayProperties.PresenceVisibility.CONTACTS;
    }

    /**
     * The latest known presence of each user as {@code viewer} may see it: their own and their contacts' — or
     * everyone's if so configured. Others, like users never seen, appear offline with no lastSeenAt.
     */
    Mono<List<WirePresence>> presenceFor(String viewer, List<String> userIds) {
        Mono<Set<String>> visible = contactsOnly ? contactsOf(viewer).collect(Collectors.toSet()) : Mono.just(Set.of());
        return visible.map(contacts -> userIds.stream()
                .map(id -> WirePresence.of(id, !contactsOnly || id.equals(viewer) || contacts.contains(id)
                        ? seenBy(id, viewer) : null))
                .toList());
    }

    /** Whose presence {@code userId} sees: who spoke in a conversation they share (or every member of one). */
    private Flux<String> contactsOf(String userId) {
        return mongo.find(Query.query(Criteria.where(ConversationViewDocuments.PARTICIPANTS).is(userId)),
                        Document.class, ReadModels.CONVERSATIONS)
                .flatMapIterable(this::sharing)
                .filter(partner -> !partner.equals(userId))
                .distinct();
    }

    /** The members of a conversation (a view's document) who share their presence with the others. */
    private List<String> sharing(Document view) {
        List<String> members = view.getList(ConversationViewDocuments.PARTICIPANTS, String.class);
        if (!byConsent) {
            return members;
        }
        List<String> speakers = view.getList(ConversationViewDocuments.SPEAKERS, String.class);
        return speakers == null ? List.of() : speakers.stream().filter(members::contains).toList();
    }

    /** A session started: tell it where its conversation partners are, and keep it told. */
    void introduce(Session session) {
        contactsOf(session.userId())
                .doOnNext(partner -> {
                    watch(partner, session.userId());
                    session.push(Frames.presence(WirePresence.of(partner, seenBy(partner, session.userId()))));
                })
                .subscribe(null, e -> log.warn("Could not load {}'s contacts: {}", session.userId(), e.toString()));
    }

    /**
     * An event of the log that makes new contacts: those with sessions here start watching them, and are told where
     * they are now (a stream tells a session its contacts only when it starts). By consent: the sender of a message
     * and the creator of a group share their presence with the members; new members learn the presence of those who
     * spoke there before. By membership: a new conversation or new members make everyone contacts.
     */
    void learnFrom(ChatEvent event) {
        if (!byConsent) {
            if (event instanceof ConversationStarted || event instanceof GroupCreated || event instanceof MembersAdded) {
                event.participants().forEach(member -> share(member, event.participants()));
            }
            return;
        }
        if (event instanceof MessageSent sent) {
            share(sent.senderId(), sent.participants());
        } else if (event instanceof GroupCreated created) {
            share(created.createdBy(), created.participants());
        } else if (event instanceof MembersAdded added && added.userIds().stream().anyMatch(sessions::hasSessions)) {
            mongo.findById(added.conversationId(), Document.class, ReadModels.CONVERSATIONS)
                    .subscribe(view -> sharing(view).forEach(speaker -> share(speaker, added.userIds())),
                            e -> log.warn("Could not load {} for its new members: {}", added.conversationId(), e.toString()));
        }
    }

    /** {@code speaker}'s presence to those of {@code members} with sessions here who did not watch it yet. */
    private void share(String speaker, List<String> members) {
        for (String member : members) {
            if (!member.equals(speaker) && sessions.hasSessions(member) && watch(speaker, member)) {
                Frame frame = Frames.presence(WirePresence.of(speaker, seenBy(speaker, member)));
                sessions.sessionsOf(member).forEach(session -> session.push(frame));
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
            if (!blocks.blocks(change.userId(), watcher)) {
                sessions.sessionsOf(watcher).forEach(session -> session.push(frame));
            }
        }
    }

    /**
     * A block was made or lifted: a blocked user watching the blocker sees them go offline (as anyone may, so
     * nothing tells them why), and again as they are once it is lifted.
     */
    void blockChanged(BlockChanged change) {
        if (watchers.getOrDefault(change.blockerId(), Set.of()).contains(change.blockedId())) {
            Frame frame = Frames.presence(WirePresence.of(change.blockerId(),
                    seenBy(change.blockerId(), change.blockedId())));
            sessions.sessionsOf(change.blockedId()).forEach(session -> session.push(frame));
        }
    }

    /** {@code userId}'s presence as {@code viewer} may see it: none (offline, never seen) if they block the viewer. */
    private PresenceChanged seenBy(String userId, String viewer) {
        return blocks.blocks(userId, viewer) ? null : presence.get(userId);
    }

    /** True if {@code watcher} did not watch {@code watched} yet. */
    private boolean watch(String watched, String watcher) {
        return watchers.computeIfAbsent(watched, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    }
}
