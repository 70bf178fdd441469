package dev.chat.gateway;

import static dev.chat.testkit.ChatSocket.data;
import static dev.chat.gateway.GatewayClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.Ids;
import dev.chat.contracts.Topics;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * What a black-box probe of groups and message actions found at the gateway, one test per defect:
 * requests that can never succeed are refused at once, in plain words, on every protocol, and never published;
 * writes past a user's budget are refused with when to try again. No message-service runs here: whatever is
 * published goes unanswered (202 pending) — which is how the tests tell published from refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.gateway.realtime.rsocket-tcp-port=-1",
        "chat.gateway.send-timeout=500ms",
        "chat.gateway.budgets.actions-per-second=0.01",
        "chat.gateway.budgets.action-burst=3",
        "chat.gateway.budgets.groups-per-hour=2",
        "chat.gateway.budgets.people-added-per-hour=4",
        "chat.gateway.budgets.reports-per-hour=1",
        "chat.gateway.budgets.blocks-per-hour=1"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class ActionRefusalsTest {

    private static final String THUMBS = "\uD83D\uDC4D";
    private static KafkaProbe commands;

    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    @BeforeAll
    static void probe() {
        commands = KafkaProbe.start(ChatTestKit.get().bootstrapServers(), Topics.COMMANDS.name());
    }

    @AfterAll
    static void stopProbe() {
        commands.close();
    }

    /** Sends the frames one by one and returns the error frame each got, in order. */
    private static List<JsonNode> errors(ChatSocket socket, String event, List<Map<String, Object>> frames) {
        int before = socket.frames("error").size();
        frames.forEach(data -> socket.send(event, data));
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.frames("error").size() >= before + frames.size());
        return socket.frames("error").subList(before, before + frames.size());
    }

    @Test
    void aMalformedGroupFrameIsRefusedAtOnceSayingWhatIsWrongAndNothingIsPublished() {
        ChatSocket socket = clients.joined(unique("admin"));
        String group = Ids.newGroupId();
        List<JsonNode> userIds = errors(socket, "removeMember", List.of(data("conversationId", group, "userId", null),
                data("conversationId", group), data("conversationId", group, "userId", ""),
                data("conversationId", group, "userId", "a.b")));
        assertThat(userIds).extracting(f -> f.at("/data/message").asString())
                .containsExactly("userId is required", "userId is required", "userId is required",
                        "userId 'a.b' is not a valid user id");
        assertThat(userIds).extracting(f -> f.at("/data/event").asString()).containsOnly("removeMember");

        List<JsonNode> noGroup = new ArrayList<>();
        noGroup.addAll(errors(socket, "renameGroup", List.of(data("name", "x"))));
        noGroup.addAll(errors(socket, "addMembers", List.of(data("userIds", List.of("bob")))));
        noGroup.addAll(errors(socket, "removeMember", List.of(data("conversationId", null, "userId", "bob"),
                data("conversationId", "dm.a.b", "userId", "bob"))));
        // Said plainly: not "could not process the frame; try again", which invites a retry that cannot succeed.
        assertThat(noGroup).extracting(f -> f.at("/data/message").asString())
                .containsExactly("conversationId is required", "conversationId is required",
                        "conversationId is required", "conversationId must be a group's id (grp.<uuid>)");
        assertThat(commands.records(Topics.COMMANDS.name(), group)).isEmpty();
    }

    @Test
    void nullIdsInAGroupRequestAreA400WithAPlainReason() {
        String user = unique("nulls");
        clients.http().post().uri("/api/conversations").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"Nulls\",\"memberIds\":[\"bob\",null]}")
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("memberIds must not hold null");
        String group = Ids.newGroupId();
        clients.http().post().uri("/api/conversations/" + group + "/members").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"userIds\":[null]}")
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("userIds must not hold null");
        clients.http().post().uri("/api/conversations/" + group + "/members").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.message").isEqualTo("userIds must be a list of user ids");
        assertThat(commands.records(Topics.COMMANDS.name(), group)).isEmpty();
    }

    @Test
    void groupNamesHoldNoControlCharactersOnEveryProtocol() {
        String user = unique("names");
        ChatSocket socket = clients.joined(user);
        String group = Ids.newGroupId();
        for (String name : List.of("nul\u0000", "two\nlines", "bell\u0007", "\u001B[31mred", "abc\u202Edcb")) {
            clients.http().post().uri("/api/conversations").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "memberIds", List.of("bob")))
                    .exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.message").value(m -> assertThat((String) m).contains("control characters"));
            clients.http().patch().uri("/api/conversations/" + group).headers(h -> h.setBearerAuth(TestTokens.token(user)))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name))
                    .exchange().expectStatus().isBadRequest();
            assertThat(errors(socket, "renameGroup", List.of(data("conversationId", group, "name", name))).get(0)
                    .at("/data/message").asString()).contains("control characters");
        }
        assertThat(commands.records(Topics.COMMANDS.name(), group)).isEmpty();
    }

    @Test
    void aReactionIsOneEmojiOnEveryProtocolAndInvalidTextIsNotTurnedIntoAnother() throws Exception {
        String user = unique("reacts");
        String conversation = Ids.directConversationId(user, "bob");
        String probesEmoji = THUMBS + "\u0301".repeat(20_000);
        ChatSocket socket = clients.joined(user);
        List<JsonNode> refused = errors(socket, "react", List.of(
                data("messageId", "m1", "conversationId", conversation, "emoji", probesEmoji),
                data("messageId", "m1", "conversationId", conversation, "emoji", "\u0301"),
                data("messageId", "m1", "conversationId", conversation, "emoji", "\uFFFD")));
        assertThat(refused).extracting(f -> f.at("/data/message").asString()).allMatch(m -> m.contains("one emoji"));
        // A lone surrogate, written into the JSON by hand (\ud83d alone): refused, not stored as '?'.
        socket.sendRaw("{\"event\":\"react\",\"data\":{\"messageId\":\"m1\",\"conversationId\":\"" + conversation
                + "\",\"emoji\":\"\\ud83d\"}}");
        socket.sendRaw("{\"event\":\"sendMessage\",\"data\":{\"receiverId\":\"bob\",\"clientMessageId\":\"s1\","
                + "\"content\":\"half \\ud83d\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.frames("error").size() >= 4
                && !socket.frames("messageError").isEmpty());
        assertThat(socket.frames("error").get(3).at("/data/message").asString()).contains("one emoji");
        assertThat(socket.frames("messageError").get(0).at("/data/message").asString()).contains("lone surrogate");

        // REST: bytes that are not UTF-8 (%FF) or an encoded surrogate (%ED%A0%80) decode to U+FFFD: refused.
        HttpClient client = HttpClient.newHttpClient();
        for (String emoji : List.of("%FF", "%ED%A0%80", "%CC%81")) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(clients.base()
                            + "/api/messages/m1/reactions/" + emoji)).header("Authorization", "Bearer " + TestTokens.token(user))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(emoji).isEqualTo(400);
            assertThat(answer.body()).as(emoji).contains("one emoji");
        }
        // RSocket: the same rule.
        RSocketRequester rsocket = clients.rsocket(TestTokens.token(user));
        Throwable viaRSocket = catchThrowable(() -> rsocket.route("chat.react")
                .data(ChatRSocket.json(Map.of("messageId", "m1", "conversationId", conversation, "emoji", probesEmoji)))
                .retrieveMono(String.class).block(Duration.ofSeconds(10)));
        assertThat(viaRSocket).hasMessageContaining("one emoji");
        assertThat(commands.records(Topics.COMMANDS.name(), conversation)).isEmpty();
    }

    @Test
    void writesPastAUsersBudgetAreRefusedWithWhenToTryAgain() {
        String user = unique("budget");
        String conversation = Ids.directConversationId(user, "bob");
        // Three changes go out (unanswered here: "not confirmed in time"), the fourth is over the budget.
        ChatSocket socket = clients.joined(user);
        Map<String, Object> thumbs = data("messageId", "m1", "conversationId", conversation, "emoji", THUMBS);
        assertThat(errors(socket, "react", List.of(thumbs, thumbs, thumbs)))
                .extracting(f -> f.at("/data/message").asString()).containsOnly("not confirmed in time; try again");
        // On a socket: an error frame that says when; on REST (the same user's budget): 429 with Retry-After.
        JsonNode frame = errors(socket, "react", List.of(thumbs)).get(0);
        assertThat(frame.at("/data/message").asString()).isEqualTo("too many changes; slow down and retry shortly");
        assertThat(frame.at("/data/retryAfter").asLong()).isPositive();
        clients.http().put().uri("/api/messages/m1/reactions/" + THUMBS).headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isPositive())
                .expectBody().jsonPath("$.message").isEqualTo("too many changes; slow down and retry shortly");
        await().until(() -> commands.records(Topics.COMMANDS.name(), conversation).size() == 3);

        // Groups: two an hour, and four people put into them.
        String creator = unique("creator");
        createGroup(creator, List.of("bob")).expectStatus().isAccepted();
        createGroup(creator, List.of("carol", "dave", "erin", "frank")).expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.message").isEqualTo("too many people added to groups; retry later");
        createGroup(creator, List.of("carol")).expectStatus().isAccepted();
        createGroup(creator, List.of("dave")).expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.message").isEqualTo("too many new groups; retry later");

        // Reports: one an hour here. A reason not on the list is refused at the door and spends nothing.
        String reporter = unique("reporter");
        String reported = Ids.directConversationId(reporter, "bob");
        report(reporter, reported, "boring").expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                .isEqualTo("reason must be one of spam, harassment, hate, violence, sexual, self-harm, other");
        report(reporter, reported, "spam").expectStatus().isAccepted();
        report(reporter, reported, "spam").expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.message").isEqualTo("too many reports; retry later");
        await().until(() -> commands.records(Topics.COMMANDS.name(), reported).size() == 1);

        // Blocks: one an hour here. Blocking yourself or a malformed id is refused at the door and spends nothing.
        String blocker = unique("blocker");
        String pair = Ids.directConversationId(blocker, "mallory");
        block(blocker, blocker).expectStatus().isBadRequest().expectBody().jsonPath("$.message")
                .isEqualTo("you cannot block yourself");
        block(blocker, "a.b").expectStatus().isBadRequest();
        block(blocker, "mallory").expectStatus().isAccepted();
        block(blocker, "mallory").expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.message").isEqualTo("too many blocks and unblocks; retry later");
        await().until(() -> commands.records(Topics.COMMANDS.name(), pair).size() == 1);
    }

    private WebTestClient.ResponseSpec block(String user, String blocked) {
        return clients.http().put().uri("/api/users/" + blocked + "/block").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .exchange();
    }

    private WebTestClient.ResponseSpec report(String user, String conversationId, String reason) {
        return clients.http().post().uri("/api/messages/m1/report").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", reason, "conversationId", conversationId)).exchange();
    }

    private WebTestClient.ResponseSpec createGroup(String user, List<String> members) {
        return clients.http().post().uri("/api/conversations").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Budget", "memberIds", members))
                .exchange();
    }
}
