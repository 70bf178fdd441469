package dev.chat.projection;

import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.HistoryEntry;
import dev.chat.servicekit.readmodels.ReadModels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UserProfileUpdated;
import dev.chat.testkit.KafkaProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/** projection-service stimulated with events on Kafka and observed in its Mongo read models. */
abstract class ProjectionFlows {

    protected static KafkaProbe probe;
    protected final CloudEventCodec codec = new CloudEventCodec("/test");

    @Autowired
    protected MongoTemplate mongo;

    protected static void startProbe(String bootstrapServers) {
        probe = KafkaProbe.start(bootstrapServers, Topics.EVENTS.name(), Topics.EVENTS.deadLetterTopic(),
                Topics.CONVERSATION_VIEWS.name(), Topics.USERS.deadLetterTopic(), Topics.DELIVERIES.deadLetterTopic());
    }

    @AfterAll
    static void stopProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void aConversationShowsItsLastMessageAndUnreadCountsUntilRead() {
        Script script = new Script(new Random(1), unique("alice"), unique("bob"));
        String alice = script.users.get(0);
        String bob = script.users.get(1);
        String dm = Ids.directConversationId(alice, bob);
        publish(script.send(dm, alice, "hi"));
        publish(script.send(dm, alice, "lunch at noon?"));

        awaitVersion(dm, 3);
        Document view = view(dm);
        assertThat(view.getList("participants", String.class)).containsExactlyInAnyOrder(alice, bob);
        assertThat(view.get("lastMessage", Document.class).getString("content")).isEqualTo("lunch at noon?");
        assertThat(unread(view, bob)).isEqualTo(2);
        assertThat(unread(view, alice)).isZero();

        // Every change is published, so gateways need not ask Mongo; the newest record is the view now.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConversationView> published = probe.payloads(Topics.CONVERSATION_VIEWS.name(), dm, ConversationView.class);
            assertThat(published).isNotEmpty();
            ConversationView latest = published.get(published.size() - 1);
            assertThat(latest.version()).isEqualTo(3);
            assertThat(latest.unreadOf(bob)).isEqualTo(2);
            assertThat(latest.lastMessage().content()).isEqualTo("lunch at noon?");
        });

        publish(script.read(dm, bob, null));
        awaitVersion(dm, 4);
        assertThat(unread(view(dm), bob)).isZero();
        assertThat(mongo.getCollection(ReadModels.HISTORY).find(new Document("conversationId", dm)))
                .allSatisfy(m -> {
                    assertThat(m.getBoolean("isRead")).isTrue();
                    assertThat(m.get("readAt")).isNotNull();
                });
    }

    @Test
    void profilesFollowTheCompactedUsersTopicIncludingDeletion() {
        String carol = unique("carol");
        probe.send(codec.profile(new UserProfileUpdated(carol, "carol", "Carol C", "https://a/c.png", Instant.now())));
        probe.send(codec.profile(new UserProfileUpdated(carol, "carol", "Carol Danvers", "https://a/c2.png",
                Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> "Carol Danvers".equals(profileName(carol)));

        probe.send(new ProducerRecord<>(Topics.USERS.name(), carol, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection(ReadModels.PROFILES)
                .countDocuments(new Document("_id", carol)) == 0);
    }

    @Test
    void profilesKeyedByAnotherUserOrBreakingTheRulesAreDeadLetteredNotStored() {
        String victim = unique("victim");
        String mallory = unique("mallory");
        probe.send(codec.profile(new UserProfileUpdated(victim, "victim", "The Victim", null, Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> "The Victim".equals(profileName(victim)));

        // Keyed by mallory but naming the victim; a 100,000-character name; a script as avatar.
        ProducerRecord<String, byte[]> forged = codec.profile(new UserProfileUpdated(victim, "victim", "Mallory was here",
                null, Instant.now()));
        probe.send(new ProducerRecord<>(Topics.USERS.name(), null, mallory, forged.value(), forged.headers()));
        probe.send(codec.profile(new UserProfileUpdated(mallory, "mallory", "x".repeat(100_000), null, Instant.now())));
        probe.send(codec.profile(new UserProfileUpdated(mallory, "mallory", "M", "javascript:alert(1)", Instant.now())));
        String last = unique("last");
        probe.send(codec.profile(new UserProfileUpdated(last, "last", "Last", null, Instant.now())));

        await().atMost(Duration.ofSeconds(30)).until(() -> "Last".equals(profileName(last)));
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.records(Topics.USERS.deadLetterTopic(), mallory).size() == 3);
        assertThat(probe.records(Topics.USERS.deadLetterTopic(), mallory))
                .extracting(dead -> CloudEventCodec.header(dead.headers(), "kafka_dlt-exception-message"))
                .anySatisfy(m -> assertThat(m).contains("is not the profile's userId"))
                .anySatisfy(m -> assertThat(m).contains("fullName"))
                .anySatisfy(m -> assertThat(m).contains("avatarUrl"));
        assertThat(profileName(victim)).isEqualTo("The Victim");
        assertThat(mongo.getCollection(ReadModels.PROFILES).countDocuments(new Document("_id", mallory))).isZero();
    }

    @Test
    void anEventWithoutDataIsDeadLettered() {
        Script script = new Script(new Random(3), unique("fay"), unique("gus"));
        String dm = Ids.directConversationId(script.users.get(0), script.users.get(1));
        List<ChatEvent> first = script.send(dm, script.users.get(0), "first");
        probe.send(new ProducerRecord<>(Topics.EVENTS.name(), null, dm, null, codec.event(first.get(0)).headers()));
        publish(first);

        awaitVersion(dm, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> !probe.records(Topics.EVENTS.deadLetterTopic(), dm).isEmpty());
        assertThat(CloudEventCodec.header(probe.records(Topics.EVENTS.deadLetterTopic(), dm).get(0).headers(),
                "kafka_dlt-exception-message")).contains("no data");
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheNextEventIsStillProjected() {
        Script script = new Script(new Random(2), unique("dan"), unique("eve"));
        String dm = Ids.directConversationId(script.users.get(0), script.users.get(1));
        List<ChatEvent> first = script.send(dm, script.users.get(0), "first");
        ProducerRecord<String, byte[]> good = codec.event(first.get(0));
        probe.send(new ProducerRecord<>(Topics.EVENTS.name(), null, dm, "][".getBytes(StandardCharsets.UTF_8),
                good.headers()));
        publish(first);

        awaitVersion(dm, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> !probe.records(Topics.EVENTS.deadLetterTopic(), dm).isEmpty());
        assertThat(CloudEventCodec.header(probe.records(Topics.EVENTS.deadLetterTopic(), dm).get(0).headers(),
                "kafka_dlt-exception-message")).contains("does not match chat.conversation.started.v1");
    }

    /**
     * Property: for random interleavings of sends and (partial) reads across several conversations,
     * with some events delivered twice, the projected unread counts equal those computed from the
     * log directly.
     */
    @Test
    void unreadCountsAlwaysEqualWhatTheLogSays() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> users = List.of(unique("u0"), unique("u1"), unique("u2"), unique("u3"));
        Script script = new Script(random, users.toArray(String[]::new));
        List<ChatEvent> published = new ArrayList<>();
        for (int step = 0; step < 150; step++) {
            String a = users.get(random.nextInt(users.size()));
            String b = users.get(random.nextInt(users.size()));
            if (a.equals(b)) {
                continue;
            }
            String dm = Ids.directConversationId(a, b);
            List<ChatEvent> events = random.nextInt(4) == 0 && script.exists(dm)
                    ? script.read(dm, random.nextBoolean() ? a : b, random.nextBoolean() ? null : script.partial(dm))
                    : script.send(dm, a, "step " + step);
            publish(events);
            published.addAll(events);
            if (random.nextInt(10) == 0 && !published.isEmpty()) {
                // An at-least-once producer delivers an old event again.
                publish(List.of(published.get(random.nextInt(published.size()))));
            }
        }

        script.lastVersions().forEach(this::awaitVersion);
        Map<String, Map<String, Long>> expected = Script.unreadFromLog(published);
        expected.forEach((conversation, perUser) -> perUser.forEach((user, count) ->
                assertThat(unread(view(conversation), user))
                        .as("unread of %s in %s (seed %d)", user, conversation, seed).isEqualTo(count)));
        for (String user : users) {
            long total = expected.values().stream().mapToLong(m -> m.getOrDefault(user, 0L)).sum();
            assertThat(totalUnread(user)).as("total unread of %s (seed %d)", user, seed).isEqualTo(total);
        }
    }

    /**
     * Property: for random histories of direct conversations and groups — members added and removed,
     * renames, edits, deletions, reactions, partial reads — with some events delivered twice, the views
     * (members, unread counts, preview, name) and the history (content, tombstones, reactions) equal what
     * the log says.
     */
    @Test
    void groupsEditsDeletionsAndReactionsAlwaysEqualWhatTheLogSays() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> users = List.of(unique("g0"), unique("g1"), unique("g2"), unique("g3"), unique("g4"));
        ActionScript script = new ActionScript(random, users);
        List<ChatEvent> published = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            List<ChatEvent> events = script.step(step);
            publish(events);
            published.addAll(events);
            if (random.nextInt(10) == 0 && !published.isEmpty()) {
                publish(List.of(published.get(random.nextInt(published.size()))));
            }
        }

        script.lastVersions().forEach(this::awaitVersion);
        ActionScript.expectedFromLog(published).forEach((conversation, expected) -> {
            ConversationView view = ConversationViewDocuments.view(view(conversation));
            String what = conversation + " (seed " + seed + ")";
            assertThat(view.participants()).as("members of %s", what).containsExactlyElementsOf(expected.members());
            assertThat(view.unread()).as("unread in %s", what).isEqualTo(expected.unread());
            assertThat(view.name()).as("name of %s", what).isEqualTo(expected.name());
            assertThat(view.lastMessage() == null ? null : view.lastMessage().messageId()).as("preview of %s", what)
                    .isEqualTo(expected.lastMessageId());
            if (view.lastMessage() != null) {
                assertThat(view.lastMessage().content()).as("preview text of %s", what).isEqualTo(expected.lastContent());
            }
            Map<String, HistoryEntry> stored = new HashMap<>();
            mongo.getCollection(ReadModels.HISTORY).find(new Document("conversationId", conversation))
                    .forEach(doc -> stored.put(doc.getString("messageId"), HistoryEntry.from(doc)));
            expected.messages().forEach((id, message) -> {
                HistoryEntry entry = stored.get(id);
                assertThat(entry).as("message %s of %s", id, what).isNotNull();
                assertThat(entry.content()).as("content of %s in %s", id, what).isEqualTo(message.content());
                assertThat(entry.deleted()).as("tombstone %s in %s", id, what).isEqualTo(message.deleted());
                assertThat(entry.reactions().stream().map(r -> r.userId() + " " + r.emoji()).toList())
                        .as("reactions to %s in %s", id, what).containsExactlyInAnyOrderElementsOf(message.reactions());
            });
        });
    }

    // --- helpers ---

    protected void publish(List<ChatEvent> events) {
        events.forEach(e -> probe.send(codec.event(e)));
    }

    protected void awaitVersion(String conversationId, long version) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Document view = view(conversationId);
            return view != null && view.get("version", Number.class).longValue() >= version;
        });
    }

    protected Document view(String conversationId) {
        return mongo.getCollection(ReadModels.CONVERSATIONS).find(new Document("_id", conversationId)).first();
    }

    protected static long unread(Document view, String user) {
        Document unread = view.get("unread", Document.class);
        return unread.get(user) == null ? 0 : unread.get(user, Number.class).longValue();
    }

    /** The total over a user's conversations, computed in Mongo the way the gateway does. */
    protected long totalUnread(String user) {
        Document total = mongo.getCollection(ReadModels.CONVERSATIONS).aggregate(List.of(
                new Document("$match", new Document("participants", user)),
                new Document("$group", new Document("_id", null).append("total", new Document("$sum", "$unread." + user)))))
                .first();
        return total == null ? 0 : total.get("total", Number.class).longValue();
    }

    private String profileName(String userId) {
        Document doc = mongo.getCollection(ReadModels.PROFILES).find(new Document("_id", userId)).first();
        return doc == null ? null : doc.getString("fullName");
    }

    protected static String unique(String name) {
        return name + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Writes valid event histories the way message-service would: contiguous versions per conversation. */
    static final class Script {
        final List<String> users;
        private final Random random;
        private final Map<String, Long> versions = new HashMap<>();
        private final Instant start = Instant.parse("2026-11-24T10:00:00Z");

        Script(Random random, String... users) {
            this.random = random;
            this.users = List.of(users);
        }

        boolean exists(String dm) {
            return versions.containsKey(dm);
        }

        Map<String, Long> lastVersions() {
            return versions;
        }

        long partial(String dm) {
            return 1 + random.nextInt((int) (long) versions.get(dm));
        }

        List<ChatEvent> send(String dm, String sender, String content) {
            List<ChatEvent> events = new ArrayList<>();
            List<String> participants = Ids.directParticipants(dm);
            if (!exists(dm)) {
                events.add(new ConversationStarted(dm, next(dm), "direct", participants, sender, time(dm)));
            }
            long version = next(dm);
            events.add(new MessageSent(UUID.randomUUID().toString(), dm, version, sender, participants,
                    "c" + version, content, MessageType.TEXT, List.of(), time(dm)));
            return events;
        }

        List<ChatEvent> read(String dm, String reader, Long upTo) {
            long current = versions.get(dm);
            return List.of(new MessagesRead(dm, next(dm), reader, upTo == null ? current : upTo,
                    Ids.directParticipants(dm), time(dm)));
        }

        private long next(String dm) {
            return versions.merge(dm, 1L, Long::sum);
        }

        private Instant time(String dm) {
            return start.plusSeconds(versions.getOrDefault(dm, 0L));
        }

        /** Unread per conversation per user, straight from the log: messages from others after the read position. */
        static Map<String, Map<String, Long>> unreadFromLog(List<ChatEvent> log) {
            Map<String, ChatEvent> byId = new java.util.LinkedHashMap<>();
            log.forEach(e -> byId.putIfAbsent(e.eventId(), e));
            Map<String, Map<String, Long>> readUpTo = new HashMap<>();
            Map<String, Map<String, Long>> unread = new HashMap<>();
            for (ChatEvent event : byId.values()) {
                if (event instanceof MessagesRead read) {
                    readUpTo.computeIfAbsent(read.conversationId(), k -> new HashMap<>())
                            .merge(read.readerId(), read.upToVersion(), Math::max);
                }
            }
            for (ChatEvent event : byId.values()) {
                for (String user : event.participants()) {
                    unread.computeIfAbsent(event.conversationId(), k -> new HashMap<>()).putIfAbsent(user, 0L);
                }
            }
            for (ChatEvent event : byId.values()) {
                if (event instanceof MessageSent sent) {
                    for (String user : sent.participants()) {
                        long position = readUpTo.getOrDefault(sent.conversationId(), Map.of()).getOrDefault(user, 0L);
                        if (!user.equals(sent.senderId()) && sent.version() > position) {
                            unread.get(sent.conversationId()).merge(user, 1L, Long::sum);
                        }
                    }
                }
            }
            return unread;
        }
    }
}
