package dev.chat.gateway.realtime;

import static dev.chat.gateway.GatewayClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.IndicateTyping;
import dev.chat.contracts.Topics;
import dev.chat.gateway.GatewayClients;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.SharedGatewayContext;
import dev.chat.gateway.TestTokens;
import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.KafkaProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** What a {@code /ws} session may do and is told: how many a user holds, a bad cursor, listening only, typing floods. */
@SharedGatewayContext
class SessionRulesTest {

    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    @Autowired
    private GatewayProperties properties;

    @Test
    void aUserHoldsAtMostTheConfiguredNumberOfSessions() {
        String user = unique("many");
        for (int i = 0; i < properties.realtime().maxSessionsPerUser(); i++) {
            clients.socket(TestTokens.token(user)).send("join", Map.of()).await("ready");
        }
        ChatSocket oneTooMany = clients.socket(TestTokens.token(user));
        ChatSocket.Closed closed = oneTooMany.awaitClosed();
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).contains("too many sessions");
    }

    @Test
    void aCursorThatIsNotAStringOrIsEmptyIsToldToReload() {
        String user = unique("cursor");
        for (Object cursor : List.of(123, Map.of("a", 1), "")) {
            ChatSocket socket = clients.socket(TestTokens.token(user)).send("resume", Map.of("cursor", cursor));
            assertThat(socket.await("reload").at("/data/reason").asString()).isNotBlank();
            socket.await("ready");
            socket.close();
        }
    }

    @Test
    void aSocketThatOnlyListensGetsItsStreamWithoutAsking() {
        ChatSocket listener = clients.socket(TestTokens.token(unique("listener")));
        assertThat(listener.await("ready").at("/data/replayed").asInt()).isZero();
    }

    @Test
    void aFloodOfTypingIsCoalescedIntoFewRecordsAndFramesEndingInItsLatestState() {
        String alice = unique("alice");
        String bob = unique("bob");
        try (KafkaProbe probe = KafkaProbe.start(ChatTestKit.get().bootstrapServers(), Topics.TYPING.name())) {
            ChatSocket bobs = clients.socket(TestTokens.token(bob)).send("join", Map.of());
            bobs.await("ready");
            ChatSocket alices = clients.socket(TestTokens.token(alice)).send("join", Map.of());
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
}
