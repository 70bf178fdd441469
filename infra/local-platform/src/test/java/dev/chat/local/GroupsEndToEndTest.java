package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.MessageReported;
import dev.chat.contracts.ReportReason;
import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatRSocket;
import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.KafkaProbe;
import java.time.Duration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.rsocket.RSocketRequester;
import tools.jackson.databind.JsonNode;

/**
 * Groups, message actions and reports through the whole platform over REST, on two gateways (each user's calls
 * alternate between them): every change is decided by message-service, projected into Mongo and read back.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.TWO_GATEWAYS)
class GroupsEndToEndTest {

    private static LocalPlatform platform;
    private static RestClient gw1;
    private static RestClient gw2;
    private static final List<ChatSocket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        platform = SharedPlatforms.platform();
        gw1 = SharedPlatforms.rest(0);
        gw2 = SharedPlatforms.rest(1);
    }

    @AfterAll
    static void stop() {
        sockets.forEach(ChatSocket::close);
    }

    @Test
    void aGroupsMembersTalkAndOnlyTheySeeItFromWhenTheyJoinedUntilTheyLeave() {
        String alice = gw1.token("g-alice");
        String bob = gw2.token("g-bob");
        String carol = gw1.token("g-carol");
        String dave = gw2.token("g-dave");
        String mallory = gw1.token("g-mallory");

        RestClient.Response created = gw1.call("POST", "/api/conversations", alice,
                Map.of("name", "Lunch crew", "memberIds", List.of("g-bob", "g-carol")));
        assertThat(created.status()).isEqualTo(201);
        JsonNode group = created.json().path("conversation");
        String id = group.path("_id").asString();
        assertThat(id).startsWith("grp.");
        assertThat(group.path("isGroup").asBoolean()).isTrue();
        assertThat(group.path("name").asString()).isEqualTo("Lunch crew");
        assertThat(group.findValuesAsString("_id")).contains("g-alice", "g-bob", "g-carol");
        assertThat(group.path("admins").toString()).isEqualTo("[\"g-alice\"]");

        RestClient.Response first = send(gw2, bob, id, "hi all", "b1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().at("/message/receiver").isNull()).as("a group message has no one receiver").isTrue();
        assertThat(contents(gw1, carol, id)).containsExactly("hi all");
        JsonNode carolsList = gw1.call("GET", "/api/messages/conversations", carol, null).json().path("conversations");
        assertThat(carolsList.get(0).path("name").asString()).isEqualTo("Lunch crew");
        assertThat(carolsList.get(0).at("/unreadCount/g-carol").asLong()).isEqualTo(1);

        // Strangers: the same 403 for reading, sending and changing, whether the group exists or not.
        assertThat(gw1.call("GET", "/api/conversations/" + id, mallory, null).status()).isEqualTo(403);
        assertThat(gw1.call("GET", "/api/conversations/" + id + "/messages", mallory, null).status()).isEqualTo(403);
        assertThat(send(gw1, mallory, id, "let me in", "m1").status()).isEqualTo(403);
        assertThat(gw1.call("POST", "/api/conversations/" + id + "/members", mallory,
                Map.of("userIds", List.of("g-mallory"))).status()).isEqualTo(403);
        assertThat(gw1.call("GET", "/api/conversations/grp.00000000-0000-4000-8000-000000000000", mallory, null)
                .status()).isEqualTo(403);

        // Only an admin adds; a member added later sees the group from then on.
        assertThat(gw2.call("POST", "/api/conversations/" + id + "/members", bob,
                Map.of("userIds", List.of("g-dave"))).status()).isEqualTo(403);
        assertThat(gw1.call("POST", "/api/conversations/" + id + "/members", alice,
                Map.of("userIds", List.of("g-dave"))).status()).isEqualTo(200);
        assertThat(contents(gw2, dave, id)).isEmpty();
        assertThat(send(gw2, dave, id, "hello, I'm new", "d1").status()).isEqualTo(201);

        // Removed: keeps what they saw, sees nothing after, cannot send; their unread count is gone.
        assertThat(gw1.call("DELETE", "/api/conversations/" + id + "/members/g-carol", alice, null).status())
                .isEqualTo(200);
        assertThat(send(gw2, bob, id, "carol is gone", "b2").status()).isEqualTo(201);
        assertThat(contents(gw1, carol, id)).containsExactly("hi all", "hello, I'm new");
        assertThat(send(gw1, carol, id, "wait", "c1").status()).isEqualTo(403);
        assertThat(gw1.call("GET", "/api/messages/unread-count", carol, null).json().path("count").asLong()).isZero();
        // Nor who is in it now, nor its latest message: not in her list, the group itself 403, her history bare.
        assertThat(gw1.call("GET", "/api/messages/conversations", carol, null).json().path("conversations")).isEmpty();
        assertThat(gw1.call("GET", "/api/conversations/" + id, carol, null).status()).isEqualTo(403);
        assertThat(gw1.call("GET", "/api/conversations/" + id + "/messages", carol, null).json().path("conversation")
                .isNull()).isTrue();

        // Read receipts: who has read up to where.
        gw2.call("PUT", "/api/messages/read/" + id, dave, null);
        JsonNode seen = gw1.call("GET", "/api/conversations/" + id, alice, null).json().path("conversation");
        assertThat(seen.at("/readUpTo/g-dave").asLong()).isEqualTo(seen.path("version").asLong() - 1);

        RestClient.Response renamed = gw2.call("PATCH", "/api/conversations/" + id, bob, Map.of("name", "Friday lunch"));
        assertThat(renamed.json().at("/conversation/name").asString()).isEqualTo("Friday lunch");
        assertThat(gw2.call("PATCH", "/api/conversations/" + id, bob, Map.of("name", " ")).status()).isEqualTo(400);
        assertThat(contents(gw2, dave, id)).containsExactly("hello, I'm new", "carol is gone");
    }

    @Test
    void theAuthorEditsAndDeletesAnyoneReactsAndRepliesQuote() {
        String alice = gw1.token("a-alice");
        String bob = gw2.token("a-bob");
        RestClient.Response lunch = gw1.call("POST", "/api/messages/send", alice,
                Map.of("receiverId", "a-bob", "content", "Lunch at noon?", "clientMessageId", "l1"));
        String messageId = lunch.json().at("/message/_id").asString();
        String thumbs = URLEncoder.encode("\uD83D\uDC4D", StandardCharsets.UTF_8);

        JsonNode reacted = gw2.call("PUT", "/api/messages/" + messageId + "/reactions/" + thumbs, bob, null).json();
        assertThat(reacted.at("/message/reactions/0/emoji").asString()).isEqualTo("\uD83D\uDC4D");
        assertThat(reacted.at("/message/reactions/0/count").asInt()).isEqualTo(1);
        assertThat(reacted.at("/message/reactions/0/me").asBoolean()).isTrue();
        assertThat(gw2.call("PUT", "/api/messages/" + messageId + "/reactions/two%20words", bob, null).status())
                .isEqualTo(400);

        RestClient.Response edited = gw1.call("PATCH", "/api/messages/" + messageId, alice,
                Map.of("content", "Lunch at one?"));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().at("/message/content").asString()).isEqualTo("Lunch at one?");
        assertThat(edited.json().at("/message/editedAt").asString()).isNotBlank();
        assertThat(edited.json().at("/message/reactions/0/me").asBoolean()).as("alice did not react").isFalse();
        assertThat(gw2.call("PATCH", "/api/messages/" + messageId, bob, Map.of("content", "mine")).status())
                .isEqualTo(403);

        RestClient.Response reply = gw2.call("POST", "/api/messages/send", bob, Map.of("receiverId", "a-alice",
                "content", "Yes!", "clientMessageId", "r1", "replyTo", messageId));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().at("/message/replyTo/preview").asString()).isEqualTo("Lunch at one?");
        String replyId = reply.json().at("/message/_id").asString();

        // Deleting the last message hands the preview back to the one before it.
        RestClient.Response deleted = gw2.call("DELETE", "/api/messages/" + replyId, bob, null);
        assertThat(deleted.json().at("/message/deleted").asBoolean()).isTrue();
        assertThat(deleted.json().at("/message/content").asString()).isEmpty();
        JsonNode alicesList = gw1.call("GET", "/api/messages/conversations", alice, null).json();
        assertThat(alicesList.at("/conversations/0/lastMessage/content").asString()).isEqualTo("Lunch at one?");
        assertThat(alicesList.at("/conversations/0/unreadCount/a-alice").asLong()).isZero();
        assertThat(gw2.call("PATCH", "/api/messages/" + replyId, bob, Map.of("content", "back")).status())
                .isEqualTo(409);
        assertThat(gw2.call("DELETE", "/api/messages/000000000000000000000000", bob, null).status()).isEqualTo(404);
    }

    /**
     * Three users on two gateways over {@code /ws} (and one action over RSocket): every change reaches every
     * member's sessions as its frame; a removed member is told and then gets nothing more; a resume on the
     * other gateway replays the changes missed.
     */
    @Test
    void everyMemberSeesEveryChangeInRealTimeAndARemovedOneNothingAfter() {
        String alice = gw1.token("rt-alice");
        String bob = gw2.token("rt-bob");
        String carol = gw1.token("rt-carol");
        ChatSocket alices = joined(0, alice);
        ChatSocket bobs = joined(1, bob);
        ChatSocket carols = joined(0, carol);

        // Strangers see no presence of each other. Members of a shared group see who created it or wrote in it:
        // being put into a group shows its creator nothing of you (presence by consent).
        assertThat(gw1.call("GET", "/api/presence?userIds=rt-carol", alice, null).json().at("/presence/0/online")
                .asBoolean()).isFalse();
        alices.send("createGroup", Map.of("name", "Standup", "memberIds", List.of("rt-bob", "rt-carol")));
        String id = carols.await("membersChanged", d -> d.path("change").asString().equals("created"))
                .at("/data/conversationId").asString();
        bobs.await("membersChanged", d -> d.path("conversationId").asString().equals(id));
        carols.await("presence", d -> d.path("userId").asString().equals("rt-alice") && d.path("online").asBoolean());
        await().atMost(Duration.ofSeconds(30)).until(() -> gw1.call("GET", "/api/presence?userIds=rt-alice", carol, null)
                .json().at("/presence/0/online").asBoolean());
        assertThat(gw1.call("GET", "/api/presence?userIds=rt-carol,rt-bob", alice, null).json()
                .at("/presence").findValuesAsString("online")).containsExactly("false", "false");

        bobs.send("sendMessage", Map.of("conversationId", id, "content", "blocked on review", "clientMessageId", "s1"));
        String messageId = bobs.await("messageSent").at("/data/_id").asString();
        alices.await("newMessage", d -> d.path("_id").asString().equals(messageId));
        // bob wrote: alice (and carol) now see him.
        alices.await("presence", d -> d.path("userId").asString().equals("rt-bob") && d.path("online").asBoolean());
        assertThat(gw1.call("GET", "/api/presence?userIds=rt-carol", alice, null).json().at("/presence/0/online")
                .asBoolean()).isFalse();
        carols.await("newMessage", d -> d.path("_id").asString().equals(messageId));
        carols.await("conversationUpdated", d -> d.path("conversationId").asString().equals(id)
                && d.path("unreadCount").asLong() == 1);

        carols.send("typing", Map.of("conversationId", id));
        alices.await("userTyping", d -> d.path("userId").asString().equals("rt-carol"));
        bobs.await("userTyping", d -> d.path("userId").asString().equals("rt-carol"));

        alices.send("react", Map.of("messageId", messageId, "emoji", "eyes"));
        for (ChatSocket socket : List.of(alices, bobs, carols)) {
            socket.await("reactionsUpdated", d -> d.path("emoji").asString().equals("eyes") && d.path("added").asBoolean());
        }
        bobs.send("editMessage", Map.of("messageId", messageId, "conversationId", id, "content", "unblocked"));
        carols.await("messageEdited", d -> d.path("content").asString().equals("unblocked"));
        carols.send("editMessage", Map.of("messageId", messageId, "content", "not mine"));
        assertThat(carols.await("error", d -> d.path("event").asString().equals("editMessage"))
                .at("/data/message").asString()).isEqualTo("only its author may edit a message");

        carols.send("markAsRead", Map.of("conversationId", id));
        bobs.await("messagesRead", d -> d.path("userId").asString().equals("rt-carol"));

        // Over RSocket too: alice removes carol; carol is told, then hears nothing more of the group.
        RSocketRequester alicesRSocket = ChatRSocket.overWebSocket("ws://localhost:" + platform.gatewayPort(1)
                + "/rsocket", alice);
        JsonNode removed = ChatRSocket.tree(alicesRSocket.route("chat.removeMember")
                .data(ChatRSocket.json(Map.of("conversationId", id, "userId", "rt-carol")))
                .retrieveMono(String.class).block(Duration.ofSeconds(30)));
        assertThat(removed.path("conversationId").asString()).isEqualTo(id);
        alicesRSocket.dispose();
        carols.await("membersChanged", d -> d.path("change").asString().equals("removed"));

        String cursor = bobs.lastCursor();
        bobs.close();
        alices.send("renameGroup", Map.of("conversationId", id, "name", "Daily standup"));
        alices.send("sendMessage", Map.of("conversationId", id, "content", "after carol", "clientMessageId", "a1"));
        String after = alices.await("messageSent").at("/data/_id").asString();
        // Right after its ack, before the read models may have it: found all the same.
        alices.send("deleteMessage", Map.of("messageId", after));
        alices.await("messageDeleted", d -> d.path("messageId").asString().equals(after));

        // bob comes back on the other gateway and gets what he missed, in order.
        ChatSocket back = ChatSocket.connect("ws://localhost:" + platform.gatewayPort(0) + "/ws", bob);
        sockets.add(back);
        back.send("resume", Map.of("cursor", cursor));
        back.await("ready");
        assertThat(back.frames().stream().map(f -> f.path("event").asString())
                .filter(e -> !e.equals("presence") && !e.equals("conversationUpdated") && !e.equals("ready")).toList())
                .containsSubsequence("membersChanged", "newMessage", "messageDeleted");
        assertThat(carols.frames("newMessage")).noneMatch(f -> f.at("/data/_id").asString().equals(after));
        assertThat(carols.frames("messageDeleted")).isEmpty();
        assertThat(carols.frames("membersChanged")).noneMatch(f -> f.at("/data/change").asString().equals("renamed"));
    }

    private static ChatSocket joined(int gateway, String token) {
        ChatSocket socket = ChatSocket.connect("ws://localhost:" + platform.gatewayPort(gateway) + "/ws", token);
        sockets.add(socket);
        socket.send("join", Map.of());
        socket.await("ready");
        return socket;
    }

    /**
     * A member reports a message to moderation: one record on chat.reports.v1 however often they report it (the
     * second time is answered as a duplicate, with the same report id); a stranger, the author and a reason that is
     * not one of the list are refused; nothing of it reaches the conversation.
     */
    @Test
    void aMemberReportsAMessageAndModerationGetsItOnce() {
        String alice = gw1.token("r-alice");
        String bob = gw2.token("r-bob");
        String carol = gw1.token("r-carol");
        String mallory = gw1.token("r-mallory");
        String group = gw1.call("POST", "/api/conversations", alice, Map.of("name", "Reported",
                "memberIds", List.of("r-bob", "r-carol"))).json().at("/conversation/_id").asString();
        String messageId = send(gw1, alice, group, "Buy cheap watches", "r1").json().at("/message/_id").asString();
        String report = "/api/messages/" + messageId + "/report";

        try (KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), Topics.REPORTS.name())) {
            RestClient.Response first = gw2.call("POST", report, bob, Map.of("reason", "spam", "note", "Third time"));
            assertThat(first.status()).as(first.json().toString()).isEqualTo(201);
            String reportId = first.json().path("reportId").asString();
            assertThat(reportId).startsWith("rpt.");
            assertThat(first.json().path("duplicate").asBoolean()).isFalse();
            RestClient.Response again = gw1.call("POST", report, bob, Map.of("reason", "hate"));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("reportId").asString()).isEqualTo(reportId);
            assertThat(again.json().path("duplicate").asBoolean()).isTrue();

            assertThat(gw1.call("POST", report, mallory, Map.of("reason", "spam")).status()).isEqualTo(404);
            assertThat(gw1.call("POST", report, alice, Map.of("reason", "spam")).json().path("message").asString())
                    .isEqualTo("you cannot report your own message");
            RestClient.Response unknown = gw2.call("POST", report, bob, Map.of("reason", "boring"));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().path("message").asString()).isEqualTo(
                    "reason must be one of spam, harassment, hate, violence, sexual, self-harm, other");

            // Over /ws, the same rules and the same topic.
            ChatSocket carols = ChatSocket.connect("ws://localhost:" + platform.gatewayPort(1) + "/ws", carol);
            sockets.add(carols);
            carols.send("reportMessage", Map.of("messageId", messageId, "reason", "boring"));
            assertThat(carols.await("error", d -> d.path("event").asString().equals("reportMessage"))
                    .at("/data/message").asString()).startsWith("reason must be one of");
            carols.send("reportMessage", Map.of("messageId", messageId, "conversationId", group,
                    "reason", "harassment"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.payloads(Topics.REPORTS.name(), group, MessageReported.class).size() == 2);
            List<MessageReported> reports = probe.payloads(Topics.REPORTS.name(), group, MessageReported.class);
            assertThat(reports).extracting(MessageReported::reporterId).containsExactlyInAnyOrder("r-bob", "r-carol");
            assertThat(reports).filteredOn(reported -> reported.reporterId().equals("r-bob")).singleElement()
                    .satisfies(reported -> {
                        assertThat(reported.reportId()).isEqualTo(reportId);
                        assertThat(reported.senderId()).isEqualTo("r-alice");
                        assertThat(reported.reason()).isEqualTo(ReportReason.SPAM);
                        assertThat(reported.note()).isEqualTo("Third time");
                        assertThat(reported.excerpt()).isEqualTo("Buy cheap watches");
                    });
        }
        // Nothing of it reached the conversation.
        assertThat(contents(gw1, alice, group)).containsExactly("Buy cheap watches");
        assertThat(gw1.call("GET", "/api/conversations/" + group, alice, null).json().at("/conversation/version")
                .asLong()).isEqualTo(2);
    }

    private static RestClient.Response send(RestClient gateway, String token, String conversationId, String content,
            String clientMessageId) {
        return gateway.call("POST", "/api/messages/send", token, Map.of("conversationId", conversationId,
                "content", content, "clientMessageId", clientMessageId));
    }

    private static List<String> contents(RestClient gateway, String token, String conversationId) {
        RestClient.Response history = gateway.call("GET", "/api/conversations/" + conversationId + "/messages", token,
                null);
        assertThat(history.status()).isEqualTo(200);
        return history.json().path("messages").findValuesAsString("content");
    }
}
