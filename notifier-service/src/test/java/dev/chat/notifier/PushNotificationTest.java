package dev.chat.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatJson;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.SessionsHeartbeat;
import dev.chat.testkit.FakePushService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Web Push against a push service on this machine ({@link FakePushService}): the subscription through the API,
 * the message encrypted to the browser's keys (decrypted here as the browser would), the VAPID JWT verified,
 * the headers a push service reads, a 410 removing the subscription, no retry once one of a user's devices took
 * the push, and no push to a user who is active.
 */
class PushNotificationTest extends NotifierTestContext {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private MongoTemplate mongo;

    private FakePushService pushService;

    @BeforeEach
    void startPushService() throws Exception {
        pushService = new FakePushService();
    }

    @AfterEach
    void stopPushService() {
        pushService.close();
    }

    @Test
    void anUnreadDirectMessageIsPushedEncryptedWithTheHeadersAPushServiceNeeds() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        FakePushService.Subscription device = pushService.subscribe();
        subscribe(bob, device);

        String dm = Ids.directConversationId(alice, bob);
        publish(message(dm, 1, alice, bob, "<b>lunch?</b> " + "x".repeat(300)));
        await().atMost(Duration.ofSeconds(30)).until(() -> pushService.to(device).size() == 1);

        FakePushService.Push push = pushService.to(device).get(0);
        assertThat(push.headers()).containsEntry("ttl", "86400").containsEntry("urgency", "high")
                .containsEntry("content-encoding", "aes128gcm");
        assertThat(push.headers().get("topic")).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(push.bodyBytes()).isLessThanOrEqualTo(4096);
        JsonNode payload = ChatJson.mapper().readTree(push.payload());
        assertThat(payload.at("/conversationId").asString()).isEqualTo(dm);
        assertThat(payload.at("/tag").asString()).isEqualTo(dm);
        assertThat(payload.at("/title").asString()).isEqualTo(alice);
        assertThat(payload.at("/body").asString()).startsWith("<b>lunch?</b> xxx").hasSize(200);
        assertThat(payload.at("/unread").asInt()).isEqualTo(1);
        assertThat(push.payload().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(3993);

        // VAPID (RFC 8292): "vapid t=<JWT>, k=<public key>"; the JWT is signed by that key, for this push service.
        String authorization = push.headers().get("authorization");
        assertThat(authorization).startsWith("vapid t=");
        String jwt = authorization.substring("vapid t=".length(), authorization.indexOf(','));
        String key = authorization.substring(authorization.indexOf("k=") + 2).trim();
        assertThat(key).isEqualTo(ChatJson.mapper().readTree(get("/internal/push/vapid-public-key"))
                .at("/publicKey").asString());
        String[] parts = jwt.split("\\.");
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(FakePushService.publicKey(Base64.getUrlDecoder().decode(key)));
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(es256.verify(Base64.getUrlDecoder().decode(parts[2]))).as("VAPID signature").isTrue();
        JsonNode claims = ChatJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.at("/aud").asString()).isEqualTo(pushService.origin());
        assertThat(Instant.ofEpochSecond(claims.at("/exp").asLong()))
                .isBefore(Instant.now().plus(Duration.ofHours(24)).plusSeconds(1)).isAfter(Instant.now());
        assertThat(claims.at("/sub").asString()).startsWith("mailto:");
    }

    @Test
    void aSubscriptionThePushServiceCallsGoneIsRemoved() throws Exception {
        String alice = unique("alice");
        String carl = unique("carl");
        FakePushService.Subscription device = pushService.subscribe();
        String id = subscribe(carl, device);
        pushService.expire(device);
        publish(message(Ids.directConversationId(alice, carl), 1, alice, carl, "anyone there?"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection("notify_push_subscriptions")
                .countDocuments(new Document("_id", id)) == 0);
        assertThat(pushService.to(device)).isEmpty();
    }

    @Test
    void aPushOneDeviceTookIsNotRepeatedWhileAnotherDevicesPushServiceFails() throws Exception {
        String alice = unique("alice");
        String erin = unique("erin");
        FakePushService.Subscription phone = pushService.subscribe();
        FakePushService.Subscription laptop = pushService.subscribe();
        subscribe(erin, phone);
        subscribe(erin, laptop);
        pushService.fail(laptop);
        String dm = Ids.directConversationId(alice, erin);
        publish(message(dm, 1, alice, erin, "one alert is enough"));

        // Done with: the push covers the message and nothing is due again (a retry would alert the phone again).
        await().atMost(Duration.ofSeconds(30)).until(() -> pushedUpTo(erin, dm) == 1);
        Document state = pending(erin, dm);
        Date due = state.getDate("pushDueAt");
        assertThat(due == null || due.toInstant().isAfter(Instant.now().plus(Duration.ofDays(365))))
                .as("push due again at %s", due).isTrue();
        assertThat(pushService.to(phone)).hasSize(1);
        assertThat(pushService.to(laptop)).isEmpty();
    }

    @Test
    void aUserActiveInTheLastMinutesGetsNoPushButAnIdleOneDoes() throws Exception {
        String alice = unique("alice");
        String dora = unique("dora");
        String idle = unique("idle");
        FakePushService.Subscription doraDevice = pushService.subscribe();
        FakePushService.Subscription idleDevice = pushService.subscribe();
        subscribe(dora, doraDevice);
        subscribe(idle, idleDevice);
        // Both online; dora did something a moment ago, idle's tab has been open and untouched for ten minutes.
        Instant now = Instant.now();
        for (String user : List.of(dora, idle)) {
            probe.send(codec.presence(new PresenceChanged(user, true, now, now)));
        }
        probe.send(codec.presenceSignal(new SessionsHeartbeat(dora, "g1", List.of("s1"), now, now), now));
        probe.send(codec.presenceSignal(new SessionsHeartbeat(idle, "g1", List.of("s2"), now,
                now.minus(Duration.ofMinutes(10))), now));
        String doraDm = Ids.directConversationId(alice, dora);
        publish(message(doraDm, 1, alice, dora, "you are here anyway"),
                message(Ids.directConversationId(alice, idle), 1, alice, idle, "are you there?"));

        await().atMost(Duration.ofSeconds(30)).until(() -> pushService.to(idleDevice).size() == 1);
        // dora's push was decided (skipped: active), not merely not yet due.
        await().atMost(Duration.ofSeconds(30)).until(() -> pushedUpTo(dora, doraDm) == 1);
        assertThat(pushService.to(doraDevice)).isEmpty();
    }

    @Test
    void aMalformedSubscriptionIsRefusedWithAReason() throws Exception {
        HttpResponse<String> answer = post("/internal/users/" + unique("eve") + "/push-subscriptions",
                "{\"endpoint\": \"https://push.example.test/x\", \"keys\": {\"p256dh\": \"AAAA\", \"auth\": \"AAAA\"}}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("keys.p256dh must be 65 bytes");
        HttpResponse<String> insecure = post("/internal/users/" + unique("eve") + "/push-subscriptions",
                "{\"endpoint\": \"http://push.example.test/x\", \"keys\": {\"p256dh\": \"AAAA\", \"auth\": \"AAAA\"}}");
        assertThat(insecure.body()).contains("endpoint must be an https URL");
    }

    private String subscribe(String user, FakePushService.Subscription device) throws Exception {
        HttpResponse<String> answer = post("/internal/users/" + user + "/push-subscriptions", ChatJson.mapper()
                .writeValueAsString(java.util.Map.of("endpoint", device.endpoint(), "expirationTime", 0,
                        "keys", java.util.Map.of("p256dh", device.p256dh(), "auth", device.auth()))));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return ChatJson.mapper().readTree(answer.body()).at("/id").asString();
    }

    /** The user's notification state in the conversation, null before the first event of it. */
    private Document pending(String user, String conversationId) {
        return mongo.getCollection("notify_pending").find(new Document("_id", user + " " + conversationId)).first();
    }

    /** The newest version a push covered (or was decided against), -1 before any state. */
    private long pushedUpTo(String user, String conversationId) {
        Document state = pending(user, conversationId);
        return state == null ? -1 : state.getLong("pushedUpTo");
    }

    private static MessageSent message(String dm, long version, String from, String to, String text) {
        return new MessageSent(UUID.randomUUID().toString().replace("-", ""), dm, version, from, List.of(from, to),
                "c" + version, text, MessageType.TEXT, List.of(), Instant.now());
    }

    private String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
