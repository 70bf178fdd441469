package dev.chat.local;

import static dev.chat.testkit.ChatSocket.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.KafkaProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The defects a black-box probe of groups and message actions found, through the whole platform:
 * the poison command set aside while its partition moves on (also across a restart), readiness that no client
 * can take down, a late joiner who learns nothing from before they joined, and strangers who cannot tell what
 * exists. message-service writes records of at most 3,000 bytes here, so an ordinary long message stands in for
 * the probe's ever-growing reactions (which the rules now refuse before they get that far).
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.SMALL_LIMITS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProbeDefectsEndToEndTest {

    private static final String THUMBS = "\uD83D\uDC4D";
    private static LocalPlatform platform;
    private static RestClient rest;
    private static String soloGroup;
    private static final List<ChatSocket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        platform = SharedPlatforms.platform();
        rest = SharedPlatforms.rest(0);
    }

    @AfterAll
    static void stop() {
        sockets.forEach(ChatSocket::close);
    }

    private static ChatSocket joined(String token) {
        ChatSocket socket = ChatSocket.connect("ws://localhost:" + platform.gatewayPort(0) + "/ws", token);
        sockets.add(socket);
        socket.send("join", Map.of()).await("ready");
        return socket;
    }

    @Test
    @Order(1)
    void oneUserCannotStopAPartitionAndNoClientCanTakeTheGatewayOutOfService() throws Exception {
        String alice = rest.token("p-alice");
        ChatSocket socket = joined(alice);
        // The probe's recipe: a group with nobody else, one message, 17 "emojis" of 64 KB each.
        soloGroup = rest.call("POST", "/api/conversations", alice, Map.of("name", "Solo", "memberIds", List.of()))
                .json().at("/conversation/_id").asString();
        String target = rest.call("POST", "/api/messages/send", alice, Map.of("conversationId", soloGroup,
                "content", "target", "clientMessageId", "t1")).json().at("/message/_id").asString();
        for (int i = 0; i < 17; i++) {
            socket.send("react", data("messageId", target, "conversationId", soloGroup,
                    "emoji", new String(Character.toChars(0x1F600 + i)) + "\u0301".repeat(32_000)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> socket.frames("error").size() == 17);
        assertThat(socket.frames("error")).allMatch(f -> f.at("/data/message").asString().contains("one emoji"));

        // A command whose records message-service cannot write: set aside, its sender told, the next one decided.
        socket.send("sendMessage", data("conversationId", soloGroup, "content", "\u00E9".repeat(2000),
                "clientMessageId", "too-big"));
        JsonNode refused = socket.await("messageError", d -> d.path("clientMessageId").asString().equals("too-big"));
        assertThat(refused.at("/data/message").asString()).contains("set aside");
        assertThat(refused.at("/data/retryable").asBoolean()).isFalse();
        socket.send("sendMessage", data("conversationId", soloGroup, "content", "after the poison",
                "clientMessageId", "after"));
        socket.await("messageSent", d -> d.path("clientMessageId").asString().equals("after"));
        assertThat(deadLetters(soloGroup)).singleElement().satisfies(dead -> assertThat(
                CloudEventCodec.header(dead.headers(), "kafka_dlt-exception-message")).contains("3000"));

        // Malformed and impossible group frames: refused at once, saying what is wrong.
        socket.send("removeMember", data("conversationId", soloGroup, "userId", null));
        socket.send("removeMember", data("conversationId", soloGroup, "userId", "a.b"));
        socket.send("removeMember", data("conversationId", soloGroup, "userId", "p-nobody"));
        await().atMost(Duration.ofSeconds(30)).until(() -> socket.frames("error").size() == 20);
        assertThat(socket.frames("error").subList(17, 20)).extracting(f -> f.at("/data/message").asString())
                .containsExactly("userId is required", "userId 'a.b' is not a valid user id",
                        "'p-nobody' is not a member of this group");

        // None of it took anything out of service.
        assertThat(get(platform.gatewayPort(0), "/actuator/health/readiness").statusCode()).isEqualTo(200);
        ServiceProcess messageService = platform.services().stream()
                .filter(s -> s.name().equals("message-service")).findFirst().orElseThrow();
        assertThat(get(messageService.port(), "/actuator/health/liveness").body()).contains("\"UP\"");
    }

    @Test
    @Order(2)
    void aLateJoinerLearnsNothingOfWhatWasSaidBeforeTheyJoined() {
        String alice = rest.token("l-alice");
        String carol = rest.token("l-carol");
        ChatSocket alices = joined(alice);
        ChatSocket bobs = joined(rest.token("l-bob"));
        ChatSocket carols = joined(carol);
        String group = rest.call("POST", "/api/conversations", alice, Map.of("name", "Before",
                "memberIds", List.of("l-bob"))).json().at("/conversation/_id").asString();
        String before = rest.call("POST", "/api/messages/send", alice, Map.of("conversationId", group,
                "content", "the secret plan", "clientMessageId", "b1")).json().at("/message/_id").asString();
        assertThat(rest.call("POST", "/api/conversations/" + group + "/members", alice,
                Map.of("userIds", List.of("l-carol"))).status()).isEqualTo(200);

        // Her list, the group and the frame she got at the join: no last message from before her.
        JsonNode joinedAt = carols.await("conversationUpdated", d -> d.path("conversationId").asString().equals(group));
        assertThat(joinedAt.at("/data/lastMessage").isNull()).as(joinedAt.toString()).isTrue();
        assertThat(rest.call("GET", "/api/conversations/" + group, carol, null).json()
                .at("/conversation/lastMessage").isNull()).isTrue();
        assertThat(rest.call("GET", "/api/messages/conversations", carol, null).json()
                .at("/conversations/0/lastMessage").isNull()).isTrue();
        // An edit of an older message reaches bob, who saw it, and not carol.
        alices.send("editMessage", data("messageId", before, "conversationId", group, "content", "the new plan"));
        bobs.await("messageEdited", d -> d.path("messageId").asString().equals(before));
        alices.send("react", data("messageId", before, "conversationId", group, "emoji", THUMBS));
        bobs.await("reactionsUpdated", d -> d.path("messageId").asString().equals(before));
        String after = rest.call("POST", "/api/messages/send", alice, Map.of("conversationId", group,
                "content", "welcome carol", "clientMessageId", "a1")).json().at("/message/_id").asString();
        carols.await("newMessage", d -> d.path("_id").asString().equals(after));
        assertThat(carols.frames("messageEdited")).isEmpty();
        assertThat(carols.frames("reactionsUpdated")).isEmpty();
        assertThat(carols.frames("conversationUpdated")).extracting(f -> f.at("/data/lastMessage/content").asString(""))
                .doesNotContain("the secret plan", "the new plan");
        assertThat(rest.call("GET", "/api/conversations/" + group, carol, null).json()
                .at("/conversation/lastMessage/content").asString()).isEqualTo("welcome carol");
    }

    @Test
    @Order(3)
    void strangersHearTheSameWhetherSomethingExistsOrNot() {
        String alice = rest.token("s-alice");
        String mallory = rest.token("s-mallory");
        String group = rest.call("POST", "/api/conversations", alice, Map.of("name", "Private",
                "memberIds", List.of("s-bob"))).json().at("/conversation/_id").asString();
        String message = rest.call("POST", "/api/messages/send", alice, Map.of("conversationId", group,
                "content", "members only", "clientMessageId", "p1")).json().at("/message/_id").asString();
        rest.call("POST", "/api/messages/send", alice, Map.of("receiverId", "s-bob", "content", "direct",
                "clientMessageId", "d1"));
        String madeUp = "0123456789abcdef01234567";
        String madeUpGroup = "grp.00000000-0000-4000-8000-000000000000";

        List<List<RestClient.Response>> pairs = List.of(
                List.of(rest.call("PATCH", "/api/messages/" + message, mallory, Map.of("content", "x")),
                        rest.call("PATCH", "/api/messages/" + madeUp, mallory, Map.of("content", "x"))),
                List.of(rest.call("DELETE", "/api/messages/" + message, mallory, null),
                        rest.call("DELETE", "/api/messages/" + madeUp, mallory, null)),
                List.of(rest.call("PUT", "/api/messages/" + message + "/reactions/" + THUMBS, mallory, null),
                        rest.call("PUT", "/api/messages/" + madeUp + "/reactions/" + THUMBS, mallory, null)),
                List.of(rest.call("PUT", "/api/messages/read/" + group, mallory, null),
                        rest.call("PUT", "/api/messages/read/" + madeUpGroup, mallory, null)),
                List.of(rest.call("PUT", "/api/messages/read/dm.s-alice.s-bob", mallory, null),
                        rest.call("PUT", "/api/messages/read/dm.s-alice.s-nobody", mallory, null)),
                List.of(rest.call("GET", "/api/conversations/" + group, mallory, null),
                        rest.call("GET", "/api/conversations/" + madeUpGroup, mallory, null)));
        for (List<RestClient.Response> pair : pairs) {
            assertThat(pair.get(0).status()).isEqualTo(pair.get(1).status()).isBetween(403, 404);
            assertThat(pair.get(0).json().path("message").asString())
                    .isEqualTo(pair.get(1).json().path("message").asString());
        }
        assertThat(pairs.get(0).get(0).json().path("message").asString()).isEqualTo("no such message");
    }

    @Test
    @Order(4)
    void aRestartIsCleanTheSetAsideCommandStaysAside() throws Exception {
        // message-service stopped and started again (it is what would decide the set-aside command again), and the
        // gateway whose readiness is checked.
        platform.restart("message-service", false);
        platform.restart(LocalPlatform.GATEWAY, false);
        String alice = rest.token("p-alice");
        RestClient.Response next = rest.call("POST", "/api/messages/send", alice, Map.of("conversationId", soloGroup,
                "content", "after the restart", "clientMessageId", "restart"));
        assertThat(next.status()).isEqualTo(201);
        JsonNode history = rest.call("GET", "/api/conversations/" + soloGroup + "/messages", alice, null).json();
        assertThat(history.path("messages").findValuesAsString("content"))
                .containsExactly("target", "after the poison", "after the restart");
        assertThat(deadLetters(soloGroup)).hasSize(1);
        assertThat(get(platform.gatewayPort(0), "/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String conversationId) {
        try (KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), Topics.COMMANDS.deadLetterTopic())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.records(Topics.COMMANDS.deadLetterTopic(),
                    conversationId).isEmpty());
            return probe.records(Topics.COMMANDS.deadLetterTopic(), conversationId);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
