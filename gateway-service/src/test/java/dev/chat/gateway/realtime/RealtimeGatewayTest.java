package dev.chat.gateway.realtime;

import static dev.chat.gateway.GatewayClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.Ids;
import dev.chat.contracts.IndicateTyping;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.SessionOpened;
import dev.chat.contracts.SessionClosed;
import dev.chat.contracts.Topics;
import dev.chat.gateway.GatewayClients;
import dev.chat.gateway.SharedGatewayContext;
import dev.chat.gateway.TestTokens;
import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.KafkaProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * The gateway's /ws endpoint with real WebSocket clients, on the embedded broker. The test writes
 * conversation events itself (as message-service would), so it can race them against a resume.
 */
@SharedGatewayContext
class RealtimeGatewayTest {

    private static KafkaProbe probe;
    private final CloudEventCodec codec = new CloudEventCodec("/message-service");
    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    @BeforeAll
    static void startProbe() {
        probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers(), Topics.COMMANDS.name(), Topics.TYPING.name(),
                Topics.PRESENCE_SIGNALS.name());
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    private ChatSocket connect(String user) {
        return clients.socket(TestTokens.token(user));
    }

    private static MessageSent message(String conversationId, long version, String sender, String content) {
        List<String> participants = Ids.directParticipants(conversationId);
        return new MessageSent(UUID.randomUUID().toString(), conversationId, version, sender, participants,
                "c-" + version, content, MessageType.TEXT, List.of(), Instant.now());
    }

    private static ConversationStarted started(String conversationId, String by) {
        return new ConversationStarted(conversationId, 1, "direct", Ids.directParticipants(conversationId), by,
                Instant.now());
    }

    private void publish(ChatEvent event) {
        probe.send(codec.event(event));
    }

    private static List<Long> versions(ChatSocket socket) {
        return socket.frames("newMessage").stream().map(f -> f.at("/data/version").asLong()).toList();
    }

    @Test
    void everyDeviceOfEveryParticipantGetsTheMessageAndTheSendersDeviceGetsItsAck() {
        String alice = unique("alice");
        String bob = unique("bob");
        String dm = Ids.directConversationId(alice, bob);
        ChatSocket phone = clients.joined(alice);
        ChatSocket laptop = clients.joined(alice);
        ChatSocket bobs = clients.joined(bob);

        phone.send("sendMessage", Map.of("receiverId", bob, "content", "Hi Bob", "clientMessageId", "p-1"));
        // Play message-service: the command arrives on Kafka, the decision comes back as an event.
        SendMessage command = await().atMost(Duration.ofSeconds(20)).until(() -> probe
                .payloads(Topics.COMMANDS.name(), dm, SendMessage.class).stream()
                .filter(c -> c.clientMessageId().equals("p-1")).findFirst(), java.util.Optional::isPresent).get();
        assertThat(command.senderId()).isEqualTo(alice);
        publish(started(dm, alice));
        MessageSent sent = new MessageSent(UUID.randomUUID().toString(), dm, 2, alice, Ids.directParticipants(dm),
                "p-1", "Hi Bob", MessageType.TEXT, List.of(), Instant.now());
        publish(sent);

        JsonNode ack = phone.await("messageSent");
        assertThat(ack.at("/data/_id").asString()).isEqualTo(sent.messageId());
        assertThat(ack.at("/data/clientMessageId").asString()).isEqualTo("p-1");
        assertThat(ack.hasNonNull("cursor")).isTrue();
        assertThat(laptop.await("newMessage").at("/data/_id").asString()).isEqualTo(sent.messageId());
        assertThat(bobs.await("newMessage").at("/data/content").asString()).isEqualTo("Hi Bob");
        assertThat(phone.frames("newMessage")).isEmpty();
        assertThat(bobs.frames("messageSent")).isEmpty();
    }

    @Test
    void aResumedSessionGetsExactlyWhatItMissedInOrderEvenWhileNewMessagesArrive() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String dm = Ids.directConversationId(alice, bob);
        ChatSocket first = clients.joined(bob);
        publish(started(dm, alice));
        publish(message(dm, 2, alice, "before"));
        first.await("newMessage", d -> d.path("version").asLong() == 2);
        String cursor = first.lastCursor();
        first.close();

        for (long v = 3; v <= 5; v++) {
            publish(message(dm, v, alice, "missed " + v));
        }
        // Messages keep coming while bob resumes: they must follow the replay with no gap, no repeat.
        CompletableFuture<Void> racing = CompletableFuture.runAsync(() -> {
            for (long v = 6; v <= 25; v++) {
                publish(message(dm, v, alice, "live " + v));
            }
        });
        ChatSocket resumed = connect(bob).send("resume", Map.of("cursor", cursor));
        racing.get();
        resumed.await("newMessage", d -> d.path("version").asLong() == 25);

        assertThat(versions(resumed)).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(3, 25).boxed().toList());
        JsonNode ready = resumed.await("ready");
        assertThat(ready.at("/data/replayed").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(resumed.frames("reload")).isEmpty();
    }

    @Test
    void aResumeByUrlCursorAfterThreeMessagesReplaysThoseThreeBeforeReady() {
        String alice = unique("alice");
        String bob = unique("bob");
        String dm = Ids.directConversationId(alice, bob);
        ChatSocket first = clients.joined(bob);
        String cursor = first.await("ready").get("cursor").asString();
        first.close();
        publish(started(dm, alice));
        for (long v = 2; v <= 4; v++) {
            publish(message(dm, v, alice, "m" + v));
        }

        ChatSocket resumed = ChatSocket.connectTo(clients.ws() + "?token="
                + TestTokens.token(bob) + "&cursor=" + cursor);
        clients.keep(resumed);
        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.frames("ready").size() == 1
                && versions(resumed).size() >= 3);
        List<String> order = resumed.frames().stream().map(f -> f.path("event").asString())
                .filter(e -> e.equals("newMessage") || e.equals("ready")).toList();
        assertThat(order).containsExactly("newMessage", "newMessage", "newMessage", "ready");
        assertThat(versions(resumed)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aClientTooFarBehindOrWithAForeignCursorIsToldToReload() {
        String bob = unique("bob");
        ChatSocket first = clients.joined(bob);
        String cursor = first.await("ready").get("cursor").asString();
        first.close();
        String carol = unique("carol");
        String dave = unique("dave");
        String other = Ids.directConversationId(carol, dave);
        for (long v = 1; v <= 520; v++) {
            publish(message(other, v, carol, "noise"));
        }

        ChatSocket behind = connect(bob).send("resume", Map.of("cursor", cursor));
        assertThat(behind.await("reload").at("/data/reason").asString()).contains("too far behind");
        behind.await("ready");

        ChatSocket foreign = connect(bob).send("resume", Map.of("cursor", "not-a-cursor"));
        assertThat(foreign.await("reload").at("/data/reason").asString()).contains("not one this server issued");
    }

    @Test
    void badFramesAreAnsweredWithErrorsAndTheSocketStaysOpen() {
        String alice = unique("alice");
        ChatSocket socket = clients.joined(alice);

        socket.sendRaw("{not json");
        socket.sendRaw("[1,2]");
        socket.send("fly", Map.of());
        socket.sendRaw("{\"data\":{}}");
        socket.sendRaw("{\"event\":\"sendMessage\",\"data\":{\"content\":\"" + "x".repeat(3000) + "\"}}");
        socket.send("sendMessage", Map.of("receiverId", alice, "content", "me", "clientMessageId", "self-1"));
        socket.send("sendMessage", Map.of("receiverId", "no spaces allowed", "content", "x", "clientMessageId", "bad-1"));
        socket.send("markAsRead", Map.of());
        socket.send("resume", Map.of("cursor", "x"));

        await().atMost(Duration.ofSeconds(20)).until(() -> socket.frames("error").size() == 7);
        List<String> errors = socket.frames("error").stream().map(f -> f.at("/data/message").asString()).toList();
        assertThat(errors).anyMatch(m -> m.startsWith("malformed JSON"))
                .anyMatch(m -> m.contains("JSON object"))
                .anyMatch(m -> m.equals("unknown event 'fly'"))
                .anyMatch(m -> m.contains("\"event\" name"))
                .anyMatch(m -> m.startsWith("frame too large"))
                .anyMatch(m -> m.equals("conversationId is required"))
                .anyMatch(m -> m.contains("already started"));
        assertThat(socket.await("messageError", d -> d.path("clientMessageId").asString().equals("self-1"))
                .at("/data/message").asString()).isEqualTo("cannot send to yourself");
        socket.await("messageError", d -> d.path("clientMessageId").asString().equals("bad-1"));

        // Still open: a valid frame still works.
        socket.send("typing", Map.of("receiverId", unique("bob")));
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.payloads(Topics.TYPING.name(), IndicateTyping.class)
                .stream().anyMatch(t -> t.userId().equals(alice)));
    }

    @Test
    void socketsWithoutAValidTokenAreClosedWithAReasonAndAFirstAuthFrameWorks() {
        ChatSocket anonymous = ChatSocket.connectTo(clients.ws());
        clients.keep(anonymous);
        anonymous.send("join", Map.of());
        ChatSocket.Closed status = anonymous.awaitClosed();
        assertThat(status.code()).isEqualTo(4401);
        assertThat(status.reason()).contains("authenticate first");

        // A bad token in the header is refused at the handshake, like any other HTTP request.
        ChatSocket forged = ChatSocket.connect(clients.ws(), TestTokens.token(
                "another-secret-another-secret-another-secret", "alice", Duration.ofHours(1)));
        clients.keep(forged);
        assertThat(forged.awaitClosed().reason()).contains("401");
        ChatSocket forgedInUrl = ChatSocket.connectTo(clients.ws() + "?token=" + TestTokens.token(
                "another-secret-another-secret-another-secret", "alice", Duration.ofHours(1)));
        clients.keep(forgedInUrl);
        assertThat(forgedInUrl.awaitClosed()).isEqualTo(new ChatSocket.Closed(4401, "invalid token"));

        String carol = unique("carol");
        ChatSocket byFrame = ChatSocket.connectTo(clients.ws());
        clients.keep(byFrame);
        byFrame.send("auth", Map.of("token", TestTokens.token(carol)));
        assertThat(byFrame.await("ready").at("/data/userId").asString()).isEqualTo(carol);
        // The session was announced to presence-service, and its close is announced too.
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.payloads(Topics.PRESENCE_SIGNALS.name(), carol,
                SessionOpened.class).size() == 1);
        byFrame.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> probe.payloads(Topics.PRESENCE_SIGNALS.name(), carol,
                SessionClosed.class).size() == 1);
    }

    @Test
    void typingReachesOnlyTheOtherParticipantAndLapsesWithoutARefresh() {
        String alice = unique("alice");
        String bob = unique("bob");
        String dm = Ids.directConversationId(alice, bob);
        ChatSocket alicePhone = clients.joined(alice);
        ChatSocket aliceLaptop = clients.joined(alice);
        ChatSocket bobs = clients.joined(bob);

        alicePhone.send("typing", Map.of("receiverId", bob));
        JsonNode typing = bobs.await("userTyping");
        assertThat(typing.at("/data/conversationId").asString()).isEqualTo(dm);
        assertThat(typing.at("/data/userId").asString()).isEqualTo(alice);
        // No stopTyping ever comes (the phone vanished): it lapses by itself after the 1 s TTL.
        bobs.await("userStoppedTyping");

        alicePhone.send("typing", Map.of("conversationId", dm));
        await().atMost(Duration.ofSeconds(20)).until(() -> bobs.frames("userTyping").size() == 2);
        alicePhone.send("stopTyping", Map.of("conversationId", dm));
        await().atMost(Duration.ofSeconds(20)).until(() -> bobs.frames("userStoppedTyping").size() == 2);
        assertThat(alicePhone.frames("userTyping")).isEmpty();
        assertThat(aliceLaptop.frames("userTyping")).isEmpty();
    }
}
