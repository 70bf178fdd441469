package dev.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.IndicateTyping;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.Topics;
import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.testkit.ChatRSocket;
import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import dev.chat.testkit.KafkaProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * What a black-box probe found, one test per defect, against the gateway over real HTTP, WebSocket and
 * RSocket clients: each failed before its fix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.gateway.realtime.rsocket-tcp-port=-1",
        "chat.gateway.realtime.max-sessions-per-user=3",
        "chat.gateway.realtime.auto-start-after=1s"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class HardeningTest {

    @LocalServerPort
    private int port;
    @Autowired
    private ReactiveMongoTemplate mongo;
    private final CloudEventCodec codec = new CloudEventCodec("/presence-service");
    private WebTestClient http;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private WebTestClient.ResponseSpec profile(HttpMethod method, String user, String json) {
        return http.method(method).uri("/api/users/me").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private WebTestClient.ResponseSpec send(String user, String json) {
        return http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private ChatSocket socket(String token) {
        ChatSocket socket = ChatSocket.connect(ws(), token);
        clients.add(socket);
        return socket;
    }

    private String ws() {
        return "ws://localhost:" + port + "/ws";
    }

    private static String claims(String subJson, Long expiresInSeconds, long issuedAgoSeconds) {
        long now = Instant.now().getEpochSecond();
        return "{\"sub\":" + subJson + ",\"iat\":" + (now - issuedAgoSeconds)
                + (expiresInSeconds == null ? "" : ",\"exp\":" + (now + expiresInSeconds)) + "}";
    }

    @Test
    void aPartialProfileUpdateKeepsTheFieldsLeftOutOverPutAndPatch() {
        String user = unique("pat");
        profile(HttpMethod.PUT, user, "{\"username\":\"" + user + "-name\",\"fullName\":\"Pat Doe\","
                + "\"avatarUrl\":\"https://cdn.example/p.png\"}").expectStatus().isOk();

        profile(HttpMethod.PUT, user, "{\"username\":\"" + user + "-new\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.user.username").isEqualTo(user + "-new")
                .jsonPath("$.user.profile.fullName").isEqualTo("Pat Doe")
                .jsonPath("$.user.profile.profilePicture").isEqualTo("https://cdn.example/p.png");
        profile(HttpMethod.PATCH, user, "{\"fullName\":\"Patricia Doe\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.user.username").isEqualTo(user + "-new")
                .jsonPath("$.user.profile.fullName").isEqualTo("Patricia Doe")
                .jsonPath("$.user.profile.profilePicture").isEqualTo("https://cdn.example/p.png");
        // An empty string clears a field.
        profile(HttpMethod.PATCH, user, "{\"avatarUrl\":\"\"}").expectStatus().isOk().expectBody()
                .jsonPath("$.user.profile.fullName").isEqualTo("Patricia Doe")
                .jsonPath("$.user.profile.profilePicture").doesNotExist();
    }

    @Test
    void aUsernameIsUniqueRegardlessOfCaseAndTheFirstToClaimItKeepsIt() {
        String alice = unique("alice");
        String mallory = unique("mallory");
        String name = unique("Star");
        profile(HttpMethod.PUT, alice, "{\"username\":\"" + name + "\",\"fullName\":\"Alice\"}").expectStatus().isOk();

        profile(HttpMethod.PUT, mallory, "{\"username\":\"" + name.toLowerCase() + "\",\"fullName\":\"Alice\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").value(m -> assertThat((String) m).contains("taken"));
        // The holder keeps it through other changes; once she lets it go, it is free.
        profile(HttpMethod.PATCH, alice, "{\"fullName\":\"Alice A.\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.user.username").isEqualTo(name);
        profile(HttpMethod.PATCH, alice, "{\"username\":\"" + name + "-2\"}").expectStatus().isOk();
        profile(HttpMethod.PUT, mallory, "{\"username\":\"" + name.toUpperCase() + "\"}").expectStatus().isOk();
    }

    @Test
    void aUsernameHeldByAProfileFromBeforeAccountsCannotBeTakenAndItsOwnerKeepsUsingIt() {
        String owner = unique("seeded");
        String name = unique("Seeded");
        // Published straight onto chat.users.v1 (like the local platform's demo users): no account.
        mongo.insert(new Document("_id", owner).append("username", name).append("fullName", "Seeded User"),
                ReadModels.PROFILES).block();

        profile(HttpMethod.PATCH, unique("mallory"), "{\"username\":\"" + name.toUpperCase() + "\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        profile(HttpMethod.PATCH, owner, "{\"fullName\":\"Seeded U.\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.user.username").isEqualTo(name)
                .jsonPath("$.user.profile.fullName").isEqualTo("Seeded U.");
    }

    /** The original app's users have Mongo ObjectIds as ids: an id of that shape must not be taken for one. */
    @Test
    void aUserWhoseIdLooksLikeAnObjectIdKeepsTheirProfile() {
        String owner = new org.bson.types.ObjectId().toHexString();
        String name = unique("Legacy");
        mongo.insert(new Document("_id", owner).append("username", name).append("fullName", "Legacy User"),
                ReadModels.PROFILES).block();

        profile(HttpMethod.PATCH, owner, "{\"fullName\":\"Legacy U.\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.user.username").isEqualTo(name)
                .jsonPath("$.user.profile.fullName").isEqualTo("Legacy U.");
        profile(HttpMethod.PATCH, unique("mallory"), "{\"username\":\"" + name + "\"}")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void avatarUrlsMustBeHttps() {
        String user = unique("url");
        for (String url : List.of("javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
                "file:///etc/passwd", "http://cdn.example/a.png")) {
            profile(HttpMethod.PATCH, user, "{\"avatarUrl\":\"" + url + "\"}")
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.message").isEqualTo("avatarUrl must be an absolute https URL");
        }
        profile(HttpMethod.PATCH, user, "{\"avatarUrl\":\"https://cdn.example/a.png\"}").expectStatus().isOk();
    }

    @Test
    void wrongJsonTypesAre400AndANumericUserClaimIs401() {
        String user = unique("types");
        send(user, "{\"receiverId\":12345,\"content\":\"hi\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("'receiverId' must be a string");
        send(user, "{\"receiverId\":\"bob\",\"content\":5}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("'content' must be a string");
        send(user, "{\"receiverId\":\"bob\",\"content\":\"hi\",\"clientMessageId\":true}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("'clientMessageId' must be a string");
        profile(HttpMethod.PATCH, user, "{\"fullName\":7}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.message").isEqualTo("'fullName' must be a string");

        String numericSub = TestTokens.signed(claims("12345", 3600L, 0));
        http.get().uri("/api/messages/unread-count").headers(h -> h.setBearerAuth(numericSub)).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.success").isEqualTo(false);
    }

    @Test
    void tokensWithoutExpiryOrLivingTooLongAreRefusedOnEveryProtocol() {
        String user = unique("tok");
        Map<String, String> refused = Map.of(
                TestTokens.signed(claims("\"" + user + "\"", null, 0)), "expiry",
                TestTokens.signed(claims("\"" + user + "\"", Duration.ofDays(30).toSeconds(), 0)), "longer",
                TestTokens.signed(claims("12345", 3600L, 0)), "claim");
        refused.forEach((token, why) -> {
            http.get().uri("/api/messages/unread-count").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized();
            // In the URL or an auth frame: closed with 4401 and the reason.
            ChatSocket inUrl = ChatSocket.connectTo(ws() + "?token=" + token);
            clients.add(inUrl);
            ChatSocket.Closed closed = inUrl.awaitClosed();
            assertThat(closed.code()).isEqualTo(4401);
            assertThat(closed.reason()).contains(why);
            // In the header: refused at the handshake, like REST.
            ChatSocket inHeader = socket(token);
            assertThat(inHeader.awaitClosed().reason()).contains("401");
            RSocketRequester rsocket = ChatRSocket.overWebSocket("ws://localhost:" + port + "/rsocket", token);
            clients.add(rsocket::dispose);
            assertThat(catchThrowable(() -> rsocket.route("chat.events").data("{}").retrieveFlux(String.class)
                    .blockFirst(Duration.ofSeconds(20)))).hasMessageContaining(why);
        });
        // A well-formed token works; without "Bearer " the same token is refused at the handshake.
        String good = TestTokens.token(user);
        socket(good).send("join", Map.of()).await("ready");
        ChatSocket noScheme = ChatSocket.connectWithAuthorization(ws(), good);
        clients.add(noScheme);
        assertThat(noScheme.awaitClosed().reason()).contains("401");
    }

    @Test
    void errorsSayWhatIsWrongWithoutNamingCode() {
        String user = unique("plain");
        List<String> messages = new ArrayList<>();
        messages.add(send(user, "{\"receiverId\":[\"bob\"],\"content\":\"x\"}").expectStatus().isBadRequest()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("message").asString());
        messages.add(send(user, "{\"attachments\":\"x\"}").expectStatus().isBadRequest()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("message").asString());

        ChatSocket socket = socket(TestTokens.token(user)).send("join", Map.of());
        socket.await("ready");
        socket.sendRaw("{\"event\":\"sendMessage\",\"data\":{\"receiverId\":{\"a\":1},\"content\":\"x\"}}");
        socket.sendRaw("{\"event\":\"markAsRead\",\"data\":{\"conversationId\":\"dm.a.b\",\"upToVersion\":\"many\"}}");
        socket.sendRaw("{\"event\":\"typing\",\"data\":[1,2]}");
        messages.add(socket.await("error", d -> d.path("event").asString().equals("sendMessage")).at("/data/message").asString());
        messages.add(socket.await("error", d -> d.path("event").asString().equals("markAsRead")).at("/data/message").asString());
        messages.add(socket.await("error", d -> d.path("event").asString().equals("typing")).at("/data/message").asString());

        RSocketRequester rsocket = ChatRSocket.overWebSocket("ws://localhost:" + port + "/rsocket", TestTokens.token(user));
        clients.add(rsocket::dispose);
        messages.add(catchThrowable(() -> rsocket.route("chat.send").data("{\"receiverId\":[1],\"content\":\"x\"}")
                .retrieveMono(String.class).block(Duration.ofSeconds(20))).getMessage());
        messages.add(catchThrowable(() -> rsocket.route("chat.read").data("not json")
                .retrieveMono(String.class).block(Duration.ofSeconds(20))).getMessage());

        assertThat(messages).hasSize(7).allSatisfy(message -> assertThat(message).isNotBlank()
                .doesNotContain("$", "dev.chat", "java.", "Exception", "Request(", "tools.jackson"));
        assertThat(messages.get(0)).isEqualTo("'receiverId' must be a string");
        assertThat(messages.get(2)).isEqualTo("bad data: 'receiverId' must be a string");
        assertThat(messages.get(3)).isEqualTo("bad data: 'upToVersion' must be a number");
        assertThat(messages.get(5)).isEqualTo("bad data: 'receiverId' must be a string");
    }

    @Test
    void aFloodOfTypingIsCoalescedIntoFewRecordsAndFramesEndingInItsLatestState() {
        String alice = unique("alice");
        String bob = unique("bob");
        try (KafkaProbe probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers(), Topics.TYPING.name())) {
            ChatSocket bobs = socket(TestTokens.token(bob)).send("join", Map.of());
            bobs.await("ready");
            ChatSocket alices = socket(TestTokens.token(alice)).send("join", Map.of());
            alices.await("ready");
            for (int i = 0; i < 2000; i++) {
                alices.send(i % 2 == 0 ? "typing" : "stopTyping", Map.of("receiverId", bob));
            }
            // The last word was stopTyping: it is published (late, not lost), and bob sees it last.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<IndicateTyping> records = probe.payloads(Topics.TYPING.name(), IndicateTyping.class).stream()
                        .filter(t -> t.userId().equals(alice)).toList();
                return !records.isEmpty() && !records.get(records.size() - 1).typing();
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> !bobs.frames().isEmpty()
                    && bobs.frames().get(bobs.frames().size() - 1).path("event").asString().equals("userStoppedTyping"));
            long records = probe.payloads(Topics.TYPING.name(), IndicateTyping.class).stream()
                    .filter(t -> t.userId().equals(alice)).count();
            assertThat(records).isLessThan(60);
            assertThat(bobs.frames("userTyping").size() + bobs.frames("userStoppedTyping").size()).isLessThan(60);
        }
    }

    @Test
    void presenceIsVisibleOnlyToContactsOnRestAndRSocket() {
        String viewer = unique("viewer");
        String stranger = unique("stranger");
        String contact = unique("contact");
        // Put into a group by the viewer, and never wrote in it: not a contact (presence by consent).
        String silent = unique("silent");
        Instant seen = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProbe probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers())) {
            probe.send(codec.presence(new PresenceChanged(stranger, true, seen, seen)));
            probe.send(codec.presence(new PresenceChanged(contact, true, seen, seen)));
            probe.send(codec.presence(new PresenceChanged(silent, true, seen, seen)));
        }
        String conversationId = Ids.directConversationId(viewer, contact);
        mongo.insert(new Document("_id", conversationId).append(ConversationViewDocuments.PARTICIPANTS,
                Ids.directParticipants(conversationId)).append(ConversationViewDocuments.SPEAKERS, List.of(contact)),
                ReadModels.CONVERSATIONS).block();
        mongo.insert(new Document("_id", Ids.newGroupId()).append(ConversationViewDocuments.PARTICIPANTS,
                List.of(viewer, silent)).append(ConversationViewDocuments.SPEAKERS, List.of(viewer)),
                ReadModels.CONVERSATIONS).block();
        String query = "/api/presence?userIds=" + stranger + "," + contact + "," + silent;

        // Once the gateway has both presences (the contact shows online), the stranger still does not, nor does
        // the member who never wrote.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri(query)
                .headers(h -> h.setBearerAuth(TestTokens.token(viewer))).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.presence[1].online").isEqualTo(true)
                .jsonPath("$.presence[0].online").isEqualTo(false)
                .jsonPath("$.presence[0].lastSeenAt").doesNotExist()
                .jsonPath("$.presence[2].online").isEqualTo(false)
                .jsonPath("$.presence[2].lastSeenAt").doesNotExist());
        // The silent member sees the viewer, who put them there.
        http.get().uri("/api/presence?userIds=" + viewer).headers(h -> h.setBearerAuth(TestTokens.token(silent)))
                .exchange().expectBody().jsonPath("$.presence[0].userId").isEqualTo(viewer);
        RSocketRequester rsocket = ChatRSocket.overWebSocket("ws://localhost:" + port + "/rsocket", TestTokens.token(viewer));
        clients.add(rsocket::dispose);
        JsonNode answer = ChatRSocket.tree(rsocket.route("chat.presence")
                .data(ChatRSocket.json(Map.of("userIds", List.of(stranger, contact))))
                .retrieveMono(String.class).block(Duration.ofSeconds(20)));
        assertThat(answer.at("/0/online").asBoolean()).isFalse();
        assertThat(answer.at("/1/online").asBoolean()).isTrue();
        // Their own presence is theirs to see.
        http.get().uri("/api/presence?userIds=" + stranger).headers(h -> h.setBearerAuth(TestTokens.token(stranger)))
                .exchange().expectBody().jsonPath("$.presence[0].online").isEqualTo(true);
    }

    @Test
    void rejectionsBelowTheWebLayerStillSayWhy() throws Exception {
        String token = TestTokens.token(unique("raw"));
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://localhost:" + port;
        List<HttpRequest> requests = List.of(
                HttpRequest.newBuilder(URI.create(base + "/api/messages/conversation/a%2Fb")).header("Authorization",
                        "Bearer " + token).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/messages/conversation/a%00b")).header("Authorization",
                        "Bearer " + token).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/messages/conversations?q=" + "a".repeat(20_000))).build(),
                HttpRequest.newBuilder(URI.create(base + "/api/messages/conversations")).header("X-Padding",
                        "a".repeat(20_000)).build());
        List<Integer> statuses = new ArrayList<>();
        for (HttpRequest request : requests) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
            JsonNode body = ChatRSocket.tree(response.body());
            assertThat(body.path("success").asBoolean(true)).as(request.uri().toString()).isFalse();
            assertThat(body.path("message").asString()).as(request.uri().toString()).isNotBlank();
        }
        assertThat(statuses).containsExactly(400, 400, 414, 431);
    }

    @Test
    void aUserHoldsAtMostTheConfiguredNumberOfSessions() {
        String user = unique("many");
        for (int i = 0; i < 3; i++) {
            socket(TestTokens.token(user)).send("join", Map.of()).await("ready");
        }
        ChatSocket oneTooMany = socket(TestTokens.token(user));
        ChatSocket.Closed closed = oneTooMany.awaitClosed();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).contains("too many sessions");
    }

    @Test
    void aCursorThatIsNotAStringOrIsEmptyIsToldToReload() {
        String user = unique("cursor");
        for (Object cursor : List.of(123, Map.of("a", 1), "")) {
            ChatSocket socket = socket(TestTokens.token(user)).send("resume", Map.of("cursor", cursor));
            assertThat(socket.await("reload").at("/data/reason").asString()).isNotBlank();
            socket.await("ready");
            socket.close();
        }
    }

    @Test
    void aSocketThatOnlyListensGetsItsStreamWithoutAsking() {
        ChatSocket listener = socket(TestTokens.token(unique("listener")));
        assertThat(listener.await("ready").at("/data/replayed").asInt()).isZero();
    }
}
