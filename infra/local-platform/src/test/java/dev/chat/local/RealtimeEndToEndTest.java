package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatJson;
import dev.chat.testkit.ChatRSocket;
import dev.chat.testkit.ChatSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * Real time through the whole platform with two gateway instances, real WebSocket clients and
 * RSocket requesters: alice on two devices (one per gateway), bob on one; carol and dave over RSocket.
 * Presence expiry, grace, heartbeats and typing TTL are shortened so the scenario runs in seconds.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.SMALL_LIMITS)
class RealtimeEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalPlatform platform;
    private static final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        platform = SharedPlatforms.platform();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
    }

    private static String http(int gateway) {
        return "http://localhost:" + platform.gatewayPort(gateway);
    }

    private static ChatSocket socket(int gateway, String token) {
        ChatSocket socket = ChatSocket.connect("ws://localhost:" + platform.gatewayPort(gateway) + "/ws", token);
        clients.add(socket);
        return socket;
    }

    private static ChatSocket joined(int gateway, String token) {
        ChatSocket socket = socket(gateway, token).send("join", Map.of());
        socket.await("ready");
        return socket;
    }

    @Test
    void chatInRealTimeAcrossTwoGatewaysAndBothProtocols() {
        String alice = token("alice");
        String bob = token("bob");

        // alice: phone on gateway 1, laptop on gateway 2; bob on gateway 2.
        ChatSocket phone = joined(0, alice);
        ChatSocket laptop = joined(1, alice);
        ChatSocket bobs = joined(1, bob);

        // Send: ack to the sending device, newMessage to bob and to alice's other device, counters to bob.
        phone.send("sendMessage", Map.of("receiverId", "bob", "content", "Hi Bob", "clientMessageId", "rt-1"));
        JsonNode ack = phone.await("messageSent", d -> d.path("clientMessageId").asString().equals("rt-1"));
        String conversationId = ack.at("/data/conversation").asString();
        assertThat(conversationId).isEqualTo("dm.alice.bob");
        assertThat(laptop.await("newMessage").at("/data/_id").asString()).isEqualTo(ack.at("/data/_id").asString());
        assertThat(bobs.await("newMessage").at("/data/content").asString()).isEqualTo("Hi Bob");
        assertThat(bobs.await("conversationUpdated", d -> d.path("unreadCount").asLong() == 1)
                .at("/data/lastMessage/content").asString()).isEqualTo("Hi Bob");
        assertThat(phone.frames("newMessage")).isEmpty();

        // Delivered: written to bob's device (on the other gateway); both of alice's devices hear so, and her
        // history says so before bob read it.
        String first = ack.at("/data/_id").asString();
        for (ChatSocket device : List.of(phone, laptop)) {
            device.await("messageDelivered", d -> d.path("messageId").asString().equals(first)
                    && d.path("userId").asString().equals("bob"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stored = get(http(0) + "/api/messages/conversation/bob", alice).at("/messages/0");
            assertThat(stored.path("isDelivered").asBoolean()).isTrue();
            assertThat(stored.path("isRead").asBoolean()).isFalse();
        });
        assertThat(bobs.frames("messageDelivered")).isEmpty();

        // Presence: both online, queryable on either gateway (alice wrote to bob: he sees her).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get(http(0) + "/api/presence?userIds=alice,bob", bob).at("/presence").findValuesAsString("online")
                        .stream().toList()).containsExactly("true", "true"));
        // bob answers: now alice sees his presence too (and is told when it changes, below).
        bobs.send("sendMessage", Map.of("receiverId", "alice", "content", "Hi Alice", "clientMessageId", "rt-b1"));
        JsonNode reply = bobs.await("messageSent", d -> d.path("clientMessageId").asString().equals("rt-b1"));
        phone.await("newMessage", d -> d.path("content").asString().equals("Hi Alice"));

        // Typing: shown to alice's devices, then lapses by itself (TTL 2 s) without stopTyping.
        bobs.send("typing", Map.of("conversationId", conversationId));
        phone.await("userTyping", d -> d.path("userId").asString().equals("bob"));
        laptop.await("userTyping", d -> d.path("userId").asString().equals("bob"));
        phone.await("userStoppedTyping", d -> d.path("userId").asString().equals("bob"));
        assertThat(bobs.frames("userTyping")).isEmpty();

        // Read receipt: alice's devices learn bob read; bob's counters drop to 0.
        bobs.send("markAsRead", Map.of("conversationId", conversationId));
        JsonNode receipt = phone.await("messagesRead");
        assertThat(receipt.at("/data/userId").asString()).isEqualTo("bob");
        // Up to the conversation's latest version: bob's own answer, after alice's message.
        assertThat(receipt.at("/data/upToVersion").asLong()).isEqualTo(reply.at("/data/version").asLong())
                .isGreaterThan(ack.at("/data/version").asLong());
        laptop.await("messagesRead");
        bobs.await("conversationUpdated", d -> d.path("unreadCount").asLong() == 0);

        // Resume: bob drops, alice sends three, bob comes back (on the other gateway) and gets exactly those.
        String cursor = bobs.lastCursor();
        bobs.close();
        long lastMissed = 0;
        for (int i = 1; i <= 3; i++) {
            phone.send("sendMessage", Map.of("receiverId", "bob", "content", "missed " + i, "clientMessageId", "rt-m" + i));
            int n = i;
            lastMissed = phone.await("messageSent", d -> d.path("clientMessageId").asString().equals("rt-m" + n))
                    .at("/data/version").asLong();
        }
        ChatSocket back = socket(0, bob).send("resume", Map.of("cursor", cursor));
        JsonNode ready = back.await("ready");
        assertThat(ready.at("/data/replayed").asInt()).isEqualTo(3);
        assertThat(back.frames("newMessage").stream().map(f -> f.at("/data/content").asString()).toList())
                .containsExactly("missed 1", "missed 2", "missed 3");
        // Replayed to his device: delivered now, and alice hears of the last of them.
        long delivered = lastMissed;
        phone.await("messageDelivered", d -> d.path("upToVersion").asLong() == delivered);
        back.close();

        // bob's last session is on gateway 2, which then dies without closing anything: his session
        // expires (3 s) and alice's phone on gateway 1 is told he is offline.
        ChatSocket last = joined(1, bob);
        last.await("presence", d -> d.path("userId").asString().equals("alice") && d.path("online").asBoolean());
        platform.kill(LocalPlatform.GATEWAY + "-2");
        JsonNode offline = phone.await("presence", d -> d.path("userId").asString().equals("bob")
                && !d.path("online").asBoolean());
        assertThat(offline.at("/data/lastSeenAt").asString()).isNotBlank();
        // alice still has her phone: the laptop's death did not take her offline.
        assertThat(get(http(0) + "/api/presence?userIds=alice", alice).at("/presence/0/online").asBoolean()).isTrue();
    }

    /** A device that fetches its list or a history page got those messages as surely as one that was live. */
    @Test
    void messagesServedByRestAreDeliveredToo() {
        String amy = token("amy");
        String eve = token("eve");
        ChatSocket amys = joined(0, amy);
        RestClient rest = new RestClient(http(0));
        long first = rest.call("POST", "/api/messages/send", amy, Map.of("receiverId", "eve", "content", "one",
                "clientMessageId", "amy-1")).json().at("/message/version").asLong();

        rest.call("GET", "/api/messages/conversations", eve, null);
        amys.await("messageDelivered", d -> d.path("upToVersion").asLong() == first
                && d.path("userId").asString().equals("eve"));

        long second = rest.call("POST", "/api/messages/send", amy, Map.of("receiverId", "eve", "content", "two",
                "clientMessageId", "amy-2")).json().at("/message/version").asLong();
        rest.call("GET", "/api/messages/conversation/amy", eve, null);
        amys.await("messageDelivered", d -> d.path("upToVersion").asLong() == second);
    }

    @Test
    void rsocketRoutesDoWhatTheWebSocketEventsDo() {
        String carol = token("carol");
        String dave = token("dave");
        RSocketRequester carols = ChatRSocket.overWebSocket("ws://localhost:" + platform.gatewayPort(0) + "/rsocket",
                carol);
        RSocketRequester daves = ChatRSocket.overTcp("localhost", platform.rsocketPort(0), dave);
        clients.add(carols::dispose);
        clients.add(daves::dispose);
        List<JsonNode> carolFrames = stream(carols);
        List<JsonNode> daveFrames = stream(daves);
        await().atMost(Duration.ofSeconds(30)).until(() -> has(carolFrames, "ready") && has(daveFrames, "ready"));

        JsonNode sent = ChatRSocket.tree(carols.route("chat.send")
                .data(ChatRSocket.json(Map.of("receiverId", "dave", "content", "Hi Dave", "clientMessageId", "rs-1")))
                .retrieveMono(String.class).block(Duration.ofSeconds(30)));
        assertThat(sent.at("/sender").asString()).isEqualTo("carol");
        assertThat(sent.at("/content").asString()).isEqualTo("Hi Dave");
        await().atMost(Duration.ofSeconds(30)).until(() -> has(daveFrames, "newMessage"));
        await().atMost(Duration.ofSeconds(30)).until(() -> has(carolFrames, "messageSent"));

        daves.route("chat.typing").data(ChatRSocket.json(Map.of("receiverId", "carol"))).send().block();
        await().atMost(Duration.ofSeconds(30)).until(() -> has(carolFrames, "userTyping"));

        JsonNode read = ChatRSocket.tree(daves.route("chat.read")
                .data(ChatRSocket.json(Map.of("conversationId", "dm.carol.dave")))
                .retrieveMono(String.class).block(Duration.ofSeconds(30)));
        assertThat(read.at("/readUpToVersion").asLong()).isEqualTo(sent.at("/version").asLong());
        await().atMost(Duration.ofSeconds(30)).until(() -> has(carolFrames, "messagesRead"));

        // A refused send is an RSocket error with the reason.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> carols.route("chat.send")
                .data(ChatRSocket.json(Map.of("receiverId", "carol", "content", "me")))
                .retrieveMono(String.class).block(Duration.ofSeconds(30)))).hasMessageContaining("yourself");

        // No token, no connection.
        RSocketRequester anonymous = ChatRSocket.overTcp("localhost", platform.rsocketPort(0), null);
        clients.add(anonymous::dispose);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> anonymous.route("chat.events")
                .data(ChatRSocket.json(Map.of())).retrieveFlux(String.class).blockFirst(Duration.ofSeconds(30))))
                .hasMessageContaining("bearer token");

        // carol's only session ends: after the grace period she is offline.
        carols.dispose();
        await().atMost(Duration.ofSeconds(30)).until(() -> !get(http(0) + "/api/presence?userIds=carol", dave)
                .at("/presence/0/online").asBoolean());
    }

    @Test
    void everyProtocolAnswersEverySendTheSame() throws Exception {
        List<ProtocolTable.Case> cases = List.of(
                table("valid", ProtocolTable.Answer.stored(), send("receiverId", "zed", "content", "hello")),
                table("by direct conversation id", ProtocolTable.Answer.stored(),
                        send("conversationId", "dm.$me.zed", "content", "hello")),
                table("duplicate clientMessageId", ProtocolTable.Answer.duplicate(),
                        send("receiverId", "zed", "content", "once", "clientMessageId", "$me-once"),
                        send("receiverId", "zed", "content", "once", "clientMessageId", "$me-once")),
                table("blank", ProtocolTable.Answer.refused("content must not be blank"),
                        send("receiverId", "zed", "content", "   ")),
                table("too long", ProtocolTable.Answer.refused("content is longer than 4000 characters"),
                        send("receiverId", "zed", "content", "x".repeat(4001))),
                table("unknown type", ProtocolTable.Answer.refused("unknown message type 'video' (expected text, image or file)"),
                        send("receiverId", "zed", "content", "hi", "type", "video")),
                table("self-send", ProtocolTable.Answer.refused("cannot send to yourself"),
                        send("receiverId", "$me", "content", "me")),
                table("invalid receiver", ProtocolTable.Answer.refused("receiverId must be a valid user id"),
                        send("receiverId", "no spaces", "content", "x")),
                table("no receiver", ProtocolTable.Answer.refused("receiverId or a conversationId is required"),
                        send("content", "to whom?")),
                table("not a participant", ProtocolTable.Answer.refused("you are not a participant of dm.bob.carol"),
                        send("conversationId", "dm.bob.carol", "content", "let me in")),
                table("rate-limited", ProtocolTable.Answer.refused("too many messages; slow down and retry shortly"),
                        send("receiverId", "$me", "content", "1"), send("receiverId", "$me", "content", "2"),
                        send("receiverId", "$me", "content", "3"), send("receiverId", "$me", "content", "4"),
                        send("receiverId", "$me", "content", "5"), send("receiverId", "zed", "content", "6")));

        var answers = new ProtocolTable(http(0), "ws://localhost:" + platform.gatewayPort(0) + "/ws", "localhost",
                platform.rsocketPort(0), RealtimeEndToEndTest::token).run(cases);

        ProtocolTable.assertAgree(answers, cases);
    }

    @SafeVarargs
    private static ProtocolTable.Case table(String name, ProtocolTable.Answer expected, Map<String, Object>... sends) {
        return new ProtocolTable.Case(name, List.of(sends), expected);
    }

    private static Map<String, Object> send(Object... keysAndValues) {
        Map<String, Object> send = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            send.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return send;
    }

    private static List<JsonNode> stream(RSocketRequester requester) {
        List<JsonNode> frames = new CopyOnWriteArrayList<>();
        Disposable subscription = requester.route("chat.events").data(ChatRSocket.json(Map.of()))
                .retrieveFlux(String.class)
                .subscribe(text -> frames.add(ChatRSocket.tree(text)));
        clients.add(subscription::dispose);
        return frames;
    }

    private static boolean has(List<JsonNode> frames, String event) {
        return frames.stream().anyMatch(f -> event.equals(f.path("event").asString()));
    }

    private static String token(String user) {
        return send(HttpRequest.newBuilder(URI.create(http(0) + "/dev/token?userId=" + user))
                .POST(HttpRequest.BodyPublishers.noBody())).at("/token").asString();
    }

    private static JsonNode get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return ChatJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
