package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.testkit.ChatSocket;
import java.util.List;
import java.util.Map;

/**
 * Drives the running platform, through its public API only, so that its services write every kind of record
 * the event catalogue describes: every command, event, outcome, view, profile, presence signal, presence change,
 * typing indication, report, block and delivery receipt. Users of its own ({@code cat-*}), so other tests'
 * counts are untouched.
 */
final class EveryKindOfRecord {

    private final RestClient rest;
    private final String wsUrl;

    EveryKindOfRecord(RestClient rest, String baseUrl) {
        this.rest = rest;
        this.wsUrl = baseUrl.replace("http", "ws") + "/ws";
    }

    /**
     * Does it all; the returned socket stays open (so its gateway keeps sending heartbeats for it) until the
     * caller closes it.
     */
    ChatSocket drive() {
        String alice = rest.token("cat-alice");
        String bob = rest.token("cat-bob");
        String carol = rest.token("cat-carol");
        ok(rest.call("PUT", "/api/users/me", alice, Map.of("username", "cat-alice", "fullName", "Alice Catalogue")));

        ChatSocket alicesSocket = ChatSocket.connect(wsUrl, alice);
        ChatSocket bobsSocket = ChatSocket.connect(wsUrl, bob);
        bobsSocket.send("join", Map.of()).await("ready");

        RestClient.Response sent = ok(rest.call("POST", "/api/messages/send", alice, Map.of("receiverId", "cat-bob",
                "content", "Lunch?", "clientMessageId", "cat-1")));
        String messageId = sent.json().at("/message/_id").asString();
        String direct = sent.json().at("/message/conversation").asString();
        // Written to bob's live session: delivered (a delivery receipt).
        bobsSocket.await("newMessage", data -> data.path("_id").asString().equals(messageId));
        ok(rest.call("POST", "/api/messages/send", bob, Map.of("conversationId", direct, "content", "Yes!",
                "replyTo", messageId)));
        alicesSocket.send("typing", Map.of("conversationId", direct));
        ok(rest.call("PUT", "/api/messages/read/" + direct, bob, null));
        ok(rest.call("PATCH", "/api/messages/" + messageId, alice, Map.of("content", "Lunch at noon?")));
        ok(rest.call("PUT", "/api/messages/" + messageId + "/reactions/%F0%9F%91%8D", bob, null));
        ok(rest.call("DELETE", "/api/messages/" + messageId + "/reactions/%F0%9F%91%8D", bob, null));
        ok(rest.call("POST", "/api/messages/" + messageId + "/report", bob, Map.of("reason", "spam")));
        // Refused by message-service: bob edits alice's message.
        assertThat(rest.call("PATCH", "/api/messages/" + messageId, bob, Map.of("content", "mine now")).status())
                .isEqualTo(403);
        ok(rest.call("DELETE", "/api/messages/" + messageId, alice, null));

        String group = ok(rest.call("POST", "/api/conversations", alice, Map.of("name", "Catalogue",
                "memberIds", List.of("cat-bob")))).json().at("/conversation/_id").asString();
        ok(rest.call("POST", "/api/conversations/" + group + "/members", alice, Map.of("userIds", List.of("cat-carol"))));
        ok(rest.call("PATCH", "/api/conversations/" + group, bob, Map.of("name", "Catalogue club")));
        ok(rest.call("DELETE", "/api/conversations/" + group + "/members/cat-carol", carol, null));
        ok(rest.call("PUT", "/api/users/cat-carol/block", bob, null));
        ok(rest.call("DELETE", "/api/users/cat-carol/block", bob, null));

        bobsSocket.close();
        return alicesSocket;
    }

    private static RestClient.Response ok(RestClient.Response response) {
        assertThat(response.status()).as(String.valueOf(response.json())).isBetween(200, 201);
        return response;
    }
}
