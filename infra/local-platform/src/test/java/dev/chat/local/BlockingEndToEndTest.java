package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.KafkaProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Blocking through the whole platform, on two gateways: carol blocks dave. He can no longer write to her — on REST
 * and on /ws, refused in words that do not say why —, sees her offline and never seen, and gets none of her typing;
 * she is told to lift the block before she writes; their group goes on as before; the block is one record on
 * chat.blocks.v1 and nothing on the conversation's log. Lifted, all of it is back.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.TWO_GATEWAYS)
class BlockingEndToEndTest {

    /** What a blocked user is told when they write (message-service's BlockDecider.NOT_OPEN). */
    static final String NOT_OPEN = "this conversation does not take new messages";
    private final LocalPlatform platform = SharedPlatforms.platform();
    private final RestClient gw1 = SharedPlatforms.rest(0);
    private final RestClient gw2 = SharedPlatforms.rest(1);
    private final List<ChatSocket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        sockets.forEach(ChatSocket::close);
    }

    @Test
    void theBlockedCannotWriteSeesNoPresenceOrTypingAndIsNotToldWhy() {
        String carol = gw1.token("b-carol");
        String dave = gw2.token("b-dave");
        String dm = "dm.b-carol.b-dave";
        assertThat(send(gw1, carol, Map.of("receiverId", "b-dave", "content", "Hi Dave", "clientMessageId", "c1"))
                .status()).isEqualTo(201);
        String group = gw1.call("POST", "/api/conversations", carol, Map.of("name", "Book club",
                "memberIds", List.of("b-dave"))).json().at("/conversation/_id").asString();
        ChatSocket carols = socket(0, carol);
        // dave's socket on the gateway carol blocks him through: its list has the block when her call returns.
        ChatSocket daves = socket(0, dave);
        await().atMost(Duration.ofSeconds(30)).until(() -> presenceOfCarol(dave).path("online").asBoolean());

        int presenceBefore = daves.frames("presence").size();
        try (KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), Topics.BLOCKS.name())) {
            RestClient.Response blocked = gw1.call("PUT", "/api/users/b-dave/block", carol, null);
            assertThat(blocked.status()).as(blocked.json().toString()).isEqualTo(200);
            assertThat(blocked.json().path("blocked").asBoolean()).isTrue();
            assertThat(gw1.call("PUT", "/api/users/b-dave/block", carol, null).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.payloads(Topics.BLOCKS.name(), BlockChanged.class).size() == 1);
            assertThat(probe.payloads(Topics.BLOCKS.name(), BlockChanged.class)).singleElement()
                    .satisfies(change -> assertThat(change.key()).isEqualTo("b-carol.b-dave"));
        }
        assertThat(gw1.call("GET", "/api/users/me/blocked", carol, null).json().path("blocked")
                .findValuesAsString("userId")).containsExactly("b-dave");
        assertThat(gw2.call("GET", "/api/users/me/blocked", dave, null).json().path("blocked").isEmpty()).isTrue();

        // dave: refused on REST and on /ws, in words that do not tell him why.
        RestClient.Response refused = send(gw2, dave, Map.of("receiverId", "b-carol", "content", "?", "clientMessageId",
                "d1"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asString()).isEqualTo(NOT_OPEN);
        daves.send("sendMessage", Map.of("receiverId", "b-carol", "content", "??", "clientMessageId", "d2"));
        assertThat(daves.await("messageError", d -> d.path("clientMessageId").asString().equals("d2"))
                .at("/data/message").asString()).isEqualTo(NOT_OPEN);
        // Carol seems offline and never seen to him, at once and when asked.
        awaitPresenceOfCarol(daves, presenceBefore, false);
        JsonNode seen = presenceOfCarol(dave);
        assertThat(seen.path("online").asBoolean()).isFalse();
        assertThat(seen.path("lastSeenAt").isNull() || seen.path("lastSeenAt").isMissingNode()).isTrue();
        // carol is told to lift it first; their group goes on.
        assertThat(send(gw1, carol, Map.of("conversationId", dm, "content", "x", "clientMessageId", "c2")).status())
                .isEqualTo(409);
        assertThat(send(gw2, dave, Map.of("conversationId", group, "content", "Chapter 3?", "clientMessageId", "g1"))
                .status()).isEqualTo(201);
        // She starts typing to him while he is blocked …
        carols.send("typing", Map.of("conversationId", dm));

        int presenceBlocked = daves.frames("presence").size();
        assertThat(gw1.call("DELETE", "/api/users/b-dave/block", carol, null).json().path("blocked").asBoolean())
                .isFalse();
        awaitPresenceOfCarol(daves, presenceBlocked, true);
        // … and stops once it is lifted: he gets the stop (or its lapse), never the start, which would have come
        // before it (one conversation's typing is one partition, read in order).
        carols.send("stopTyping", Map.of("conversationId", dm));
        daves.await("userStoppedTyping", d -> d.path("conversationId").asString().equals(dm));
        assertThat(daves.frames("userTyping")).isEmpty();
        assertThat(send(gw2, dave, Map.of("receiverId", "b-carol", "content", "Hi again", "clientMessageId", "d3"))
                .status()).isEqualTo(201);
        // The direct conversation holds what was said, nothing of the block.
        assertThat(gw1.call("GET", "/api/conversations/" + dm + "/messages", carol, null).json().path("messages")
                .findValuesAsString("content")).containsExactly("Hi Dave", "Hi again");
    }

    @Test
    void aBlockIsOfSomeoneElseByAValidId() {
        String erin = gw1.token("b-erin");
        assertThat(gw1.call("PUT", "/api/users/b-erin/block", erin, null).json().path("message").asString())
                .isEqualTo("you cannot block yourself");
        assertThat(gw1.call("PUT", "/api/users/a.b/block", erin, null).status()).isEqualTo(400);
        assertThat(gw1.call("DELETE", "/api/users/b-nobody/block", erin, null).status()).isEqualTo(200);
        assertThat(gw1.call("GET", "/api/users/me/blocked", null, null).status()).isEqualTo(401);
    }

    /** A presence frame of carol's, after the first {@code seen} presence frames, online or not. */
    private static void awaitPresenceOfCarol(ChatSocket socket, int seen, boolean online) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<JsonNode> frames = socket.frames("presence");
            return frames.subList(seen, frames.size()).stream().map(f -> f.path("data"))
                    .anyMatch(d -> d.path("userId").asString().equals("b-carol") && d.path("online").asBoolean() == online);
        });
    }

    private JsonNode presenceOfCarol(String token) {
        return gw1.call("GET", "/api/presence?userIds=b-carol", token, null).json().at("/presence/0");
    }

    private static RestClient.Response send(RestClient gateway, String token, Map<String, Object> body) {
        return gateway.call("POST", "/api/messages/send", token, body);
    }

    private ChatSocket socket(int gateway, String token) {
        ChatSocket socket = ChatSocket.connect("ws://localhost:" + platform.gatewayPort(gateway) + "/ws", token);
        sockets.add(socket);
        socket.send("join", Map.of()).await("ready");
        return socket;
    }
}
