package dev.chat.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import dev.chat.contracts.ChatJson;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks against a real HTTP receiver (the JDK's server): registered through the API, signed the Standard
 * Webhooks way (verified with its library), retried with one webhook-id, disabled by 410, dead-lettered when
 * retries run out.
 */
class WebhookDeliveryTest extends NotifierTestContext {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What the receiver got: headers and body of each request. */
    record Received(HttpHeaders headers, String body) {
    }

    @Autowired
    private MongoTemplate mongo;

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopReceivers() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void signedRetriedWithOneIdUntilTheReceiverTakesIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        String url = receiver(received, () -> calls.incrementAndGet() <= 2 ? 500 : 200);
        JsonNode registered = register(url, List.of("chat.message.sent.v1"));
        String secret = registered.at("/secret").asString();
        assertThat(secret).startsWith("whsec_");

        MessageSent sent = message(unique("alice"), unique("bob"), "hello, webhook");
        publish(sent);
        // 500, 500, 200: three attempts, 5 s and 10 s apart (give or take a fifth).
        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 3);
        List<Received> attempts = List.copyOf(received);
        assertThat(attempts).extracting(r -> r.headers().firstValue("webhook-id").orElseThrow())
                .containsOnly(sent.eventId());
        for (Received attempt : attempts) {
            new Webhook(secret).verify(attempt.body(), attempt.headers());
        }
        JsonNode cloudEvent = ChatJson.mapper().readTree(attempts.get(0).body());
        assertThat(cloudEvent.at("/specversion").asString()).isEqualTo("1.0");
        assertThat(cloudEvent.at("/type").asString()).isEqualTo("chat.message.sent.v1");
        assertThat(cloudEvent.at("/id").asString()).isEqualTo(sent.eventId());
        assertThat(cloudEvent.at("/data/content").asString()).isEqualTo("hello, webhook");
        assertThat(Duration.between(Instant.ofEpochSecond(Long.parseLong(attempts.get(0).headers()
                .firstValue("webhook-timestamp").orElseThrow())), Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void aFourTenDisablesTheEndpoint() throws Exception {
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        String url = receiver(received, () -> 410);
        String id = register(url, null).at("/id").asString();
        publish(message(unique("alice"), unique("bob"), "gone?"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(webhooks()).anySatisfy(w -> {
            assertThat(w.at("/id").asString()).isEqualTo(id);
            assertThat(w.at("/disabled").asBoolean()).isTrue();
            assertThat(w.at("/disabledReason").asString()).contains("410");
        }));
        assertThat(received).hasSize(1);
    }

    @Test
    void retriesThatRunOutEndAsADeadLetter() throws Exception {
        ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
        String url = receiver(received, () -> 503);
        String id = register(url, null).at("/id").asString();
        MessageSent sent = message(unique("alice"), unique("bob"), "never taken");
        publish(sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
        // A day of failures, compressed: the first attempt was a day ago, so the next failure is the last.
        String delivery = id + " " + sent.eventId();
        mongo.getCollection("notify_webhook_deliveries").updateOne(new Document("_id", delivery),
                new Document("$set", new Document("firstAttemptAt", Date.from(Instant.now().minus(Duration.ofHours(24))))
                        .append("dueAt", new Date())));
        await().atMost(Duration.ofSeconds(30)).until(() -> "dead".equals(mongo.getCollection("notify_webhook_deliveries")
                .find(new Document("_id", delivery)).first().getString("state")));
        assertThat(received).hasSize(2);
        assertThat(prometheus()).contains("chat_notify_webhook_attempts_total{outcome=\"dead-letter\"}");
    }

    @Test
    void badRegistrationsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> unknownType = post("/internal/webhooks",
                "{\"url\": \"http://127.0.0.1:1/x\", \"eventTypes\": [\"chat.message.teleported.v1\"]}");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("unknown event type");
        HttpResponse<String> notAUrl = post("/internal/webhooks", "{\"url\": \"ftp://example.test/x\"}");
        assertThat(notAUrl.statusCode()).isEqualTo(400);
        assertThat(notAUrl.body()).contains("url must be http or https");
    }

    private static MessageSent message(String from, String to, String text) {
        return new MessageSent(UUID.randomUUID().toString().replace("-", ""), Ids.directConversationId(from, to), 1,
                from, List.of(from, to), "c1", text, MessageType.TEXT, List.of(), Instant.now());
    }

    private String receiver(ConcurrentLinkedQueue<Received> received, java.util.function.IntSupplier status)
            throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
            received.add(new Received(HttpHeaders.of(headers, (a, b) -> true), body));
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private JsonNode register(String url, List<String> types) throws Exception {
        String body = ChatJson.mapper().writeValueAsString(types == null ? Map.of("url", url)
                : Map.of("url", url, "eventTypes", types));
        HttpResponse<String> response = post("/internal/webhooks", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ChatJson.mapper().readTree(response.body());
    }

    private List<JsonNode> webhooks() throws Exception {
        JsonNode all = ChatJson.mapper().readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/internal/webhooks")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> list = new ArrayList<>();
        all.at("/webhooks").forEach(list::add);
        return Collections.unmodifiableList(list);
    }

    private String prometheus() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
