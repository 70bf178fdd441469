package dev.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.ChatTestKitInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Past what the pipeline keeps up with, a send is refused at once with when to retry — never queued to time out.
 * No message-service runs here, so nothing published is ever answered: every command stays in flight, as when
 * message-service is far behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.gateway.realtime.rsocket-tcp-port=-1",
        "chat.gateway.send-timeout=300ms",
        "chat.gateway.in-flight.max=4",
        "chat.gateway.in-flight.min=4",
        "chat.gateway.in-flight.per-user=2"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class SendSheddingTest {

    @RegisterExtension
    final GatewayClients clients = new GatewayClients();

    private WebTestClient.ResponseSpec send(String user, String clientMessageId) {
        return clients.http().post().uri("/api/messages/send").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("receiverId", "bob", "content", "hi", "clientMessageId", clientMessageId)).exchange();
    }

    @Test
    void pastTheInFlightLimitASendIsRefusedAtOnceOnEveryProtocolAndOneUserCannotTakeItAll() {
        String ann = "ann-" + UUID.randomUUID().toString().substring(0, 6);
        String ben = "ben-" + UUID.randomUUID().toString().substring(0, 6);
        // One user holds at most two places: the third waits for nothing.
        send(ann, "a1").expectStatus().isAccepted();
        send(ann, "a2").expectStatus().isAccepted();
        send(ann, "a3").expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.message").value(m -> assertThat((String) m).contains("too many requests waiting"));
        // Another user takes the last two places; then the gateway holds all it may: 503 for anyone, at once.
        send(ben, "b1").expectStatus().isAccepted();
        send(ben, "b2").expectStatus().isAccepted();
        send("cy-" + UUID.randomUUID().toString().substring(0, 6), "c1").expectStatus().isEqualTo(503)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectBody().jsonPath("$.message").isEqualTo("the service is busy; retry shortly");

        // On a socket: messageError, retryable, with when — and for every other command too.
        ChatSocket socket = clients.socket(TestTokens.token("dee"));
        socket.send("join", Map.of()).await("ready");
        socket.send("sendMessage", Map.of("receiverId", "bob", "content", "hi", "clientMessageId", "d1"));
        JsonNode refused = socket.await("messageError");
        assertThat(refused.at("/data/message").asString()).isEqualTo("the service is busy; retry shortly");
        assertThat(refused.at("/data/retryable").asBoolean()).isTrue();
        assertThat(refused.at("/data/retryAfter").asLong()).isEqualTo(1);
        socket.send("markAsRead", Map.of("conversationId", "dm.bob.dee"));
        await().until(() -> !socket.frames("error").isEmpty());
        assertThat(socket.frames("error").get(0).at("/data/message").asString())
                .isEqualTo("the service is busy; retry shortly");
        assertThat(socket.frames("error").get(0).at("/data/retryAfter").asLong()).isEqualTo(1);
    }
}
