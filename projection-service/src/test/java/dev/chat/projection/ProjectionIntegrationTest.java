package dev.chat.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UserProfileUpdated;
import dev.chat.projection.rebuild.ReadModelLayout;
import dev.chat.servicekit.readmodels.MessageDeliveries;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/** projection-service against the embedded KRaft broker and the Mongo wire server. */
// The context is closed at the JVM's exit, after the embedded broker: its consumers cannot stop cleanly then, and
// surefire would wait 30 s for them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.lifecycle.timeout-per-shutdown-phase=3s")
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class ProjectionIntegrationTest extends ProjectionFlows {

    @LocalServerPort
    private int port;

    @Autowired
    private ReadModelLayout layout;

    @BeforeAll
    static void probe() {
        startProbe(ChatTestKit.get().bootstrapServers());
    }

    @Test
    void aRebuildFromTheLogYieldsExactlyTheLiveState() throws Exception {
        Random random = new Random(7);
        Script script = new Script(random, unique("r0"), unique("r1"), unique("r2"));
        List<ChatEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String a = script.users.get(i % 3);
            String b = script.users.get((i + 1 + random.nextInt(2)) % 3);
            if (a.equals(b)) {
                continue;
            }
            String dm = Ids.directConversationId(a, b);
            events.addAll(i % 5 == 4 ? script.read(dm, b, null) : script.send(dm, a, "m" + i));
        }
        publish(events);
        probe.send(codec.profile(new UserProfileUpdated(script.users.get(0), "r0", "Rebuild Zero", null,
                Instant.parse("2026-11-24T10:00:00Z"))));
        String delivered = Ids.directConversationId(script.users.get(0), script.users.get(1));
        probe.send(codec.delivered(new MessagesDelivered(delivered, Ids.directParticipants(delivered),
                List.of(new MessagesDelivered.Delivery(script.users.get(1), "m", 2, Instant.now())))));
        script.lastVersions().forEach(this::awaitVersion);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection(ReadModels.PROFILES)
                .countDocuments(new Document("_id", script.users.get(0))) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(delivered).upTo().size() == 1);
        Map<String, List<Document>> live = snapshot();
        assertThat(live.get(ReadModels.CONVERSATIONS)).isNotEmpty();

        // Two at once: the second would start the first over while it replays the log, so it is refused (409).
        HttpRequest rebuild = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/projections"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpClient client = HttpClient.newHttpClient();
        List<HttpResponse<String>> answers = List.of(client.sendAsync(rebuild, HttpResponse.BodyHandlers.ofString()),
                client.sendAsync(rebuild, HttpResponse.BodyHandlers.ofString())).stream()
                .map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        assertThat(answers).extracting(HttpResponse::body)
                .anySatisfy(body -> assertThat(body).contains("replaying from offset 0"))
                .anySatisfy(body -> assertThat(body).contains("\"success\":false").contains("still replaying the log"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(snapshot()).isEqualTo(live));
        // Caught up: it says so, and would take another.
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/projections")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("\"catchingUp\":false"));
    }

    @Test
    void deliveriesKeepEachMembersFurthestInAnyOrderAndABadRecordIsSetAside() {
        String ann = unique("ann");
        String ben = unique("ben");
        String dm = Ids.directConversationId(ann, ben);
        probe.send(delivered(dm, ben, 5));
        probe.send(delivered(dm, ben, 3)); // late: a device that resumed, or the other gateway's batch
        probe.send(delivered(dm, ann, 2));
        ProducerRecord<String, byte[]> misfiled = delivered(dm, ben, 99);
        probe.send(new ProducerRecord<>(Topics.DELIVERIES.name(), null, "dm.x.y", misfiled.value(), misfiled.headers()));
        probe.send(delivered(dm, "not a user", 7));
        probe.send(delivered(dm, ben, 6));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(dm).upTo().getOrDefault(ben, 0L) == 6);
        assertThat(deliveries(dm).upTo()).containsOnly(Map.entry(ben, 6L), Map.entry(ann, 2L));
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.records(Topics.DELIVERIES.deadLetterTopic()).stream()
                .filter(r -> r.key().equals(dm) || r.key().equals("dm.x.y")).count() == 2);
    }

    private ProducerRecord<String, byte[]> delivered(String conversationId, String userId, long upTo) {
        return codec.delivered(new MessagesDelivered(conversationId, Ids.directParticipants(conversationId),
                List.of(new MessagesDelivered.Delivery(userId, "m-" + upTo, upTo, Instant.now()))));
    }

    private MessageDeliveries deliveries(String conversationId) {
        Document doc = mongo.getCollection(ReadModels.DELIVERIES).find(new Document("_id", conversationId)).first();
        return doc == null ? MessageDeliveries.none(conversationId) : MessageDeliveries.from(doc);
    }

    @Test
    void prometheusShowsProjectionLagConsumerLagAndMongoCommands() {
        Script script = new Script(new Random(5), unique("m0"), unique("m1"));
        String dm = Ids.directConversationId(script.users.get(0), script.users.get(1));
        publish(script.send(dm, script.users.get(0), "measured"));
        awaitVersion(dm, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString()).body())
                .contains("chat_projection_lag_seconds")
                .contains("kafka_consumer_fetch_manager_records_lag")
                .contains("mongodb_driver_commands_seconds"));
    }

    @Test
    void itsServerIsOnlyReachableFromThisHost() throws Exception {
        InetAddress external = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (nic.isUp() && !address.isLoopbackAddress() && address instanceof Inet4Address) {
                    external = address;
                }
            }
        }
        assumeTrue(external != null, "this machine has no address but loopback");
        InetAddress target = external;
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(target, port), 2000);
            }
        }).isInstanceOf(IOException.class);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        }
    }

    @Test
    void readModelsLeftInAnOlderLayoutAreRebuiltFromTheLogAtStartUp() {
        Script script = new Script(new Random(11), unique("o0"), unique("o1"));
        String dm = Ids.directConversationId(script.users.get(0), script.users.get(1));
        publish(script.send(dm, script.users.get(0), "before the upgrade"));
        awaitVersion(dm, 2);
        Map<String, List<Document>> live = snapshot();
        // As the previous version left them: layout 1, history keyed by message id.
        mongo.getCollection(ReadModels.LAYOUT).replaceOne(new Document("_id", "layout"),
                new Document("_id", "layout").append("version", 1), new com.mongodb.client.model.ReplaceOptions().upsert(true));
        mongo.getCollection(ReadModels.HISTORY).insertOne(new Document("_id", "6b0557bd4870dddd14478dd6")
                .append("conversationId", "dm.old.layout"));

        layout.ensureCurrent();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(snapshot()).isEqualTo(live));
        assertThat(mongo.getCollection(ReadModels.LAYOUT).find(new Document("_id", "layout")).first()
                .getInteger("version")).isEqualTo(3);
    }

    /** Every read model, every document, in _id order. */
    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> snapshot = new TreeMap<>();
        for (String collection : ReadModels.ALL) {
            snapshot.put(collection, mongo.getCollection(collection).find()
                    .sort(new Document("_id", 1)).into(new ArrayList<>()));
        }
        return snapshot;
    }
}
