package dev.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.ChatTestKitInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Connections past what a gateway takes are refused at the handshake — 503, {@code Retry-After}, the reason —
 * while the sessions it admitted go on; and a gateway that stops tells each of its clients when to come back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.gateway.realtime.rsocket-tcp-port=-1",
        "chat.gateway.admission.max-connections=3",
        "chat.gateway.admission.retry-after-max=3s"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class AdmissionControlTest {

    @LocalServerPort
    private int port;
    @Autowired
    private MeterRegistry meters;
    private final List<ChatSocket> sockets = new ArrayList<>();

    @AfterEach
    void close() {
        sockets.forEach(ChatSocket::close);
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private ChatSocket joined(int port, String user) {
        ChatSocket socket = ChatSocket.connect("ws://localhost:" + port + "/ws", TestTokens.token(user));
        sockets.add(socket);
        socket.send("join", Map.of()).await("ready");
        return socket;
    }

    /** A WebSocket handshake as a client sends it, read as plain HTTP. */
    private WebTestClient.ResponseSpec handshake() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build().get().uri("/ws")
                .header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .exchange();
    }

    @Test
    void aHandshakeOverTheLimitGets503WithRetryAfterWhileAdmittedSessionsGoOn() {
        String ann = user("ann");
        String ben = user("ben");
        ChatSocket anns = joined(port, ann);
        ChatSocket bens = joined(port, ben);
        ChatSocket third = joined(port, user("cy"));

        handshake().expectStatus().isEqualTo(503)
                .expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3L))
                .expectBody().jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.message").isEqualTo("the gateway holds as many connections as it may; retry later");
        ChatSocket refused = ChatSocket.connect("ws://localhost:" + port + "/ws", TestTokens.token(user("dee")));
        assertThat(refused.awaitClosed().reason()).contains("503");
        assertThat(meters.counter("chat.admission.refused", "reason", "connections").count()).isGreaterThanOrEqualTo(2);

        // The admitted sessions are served as before.
        anns.send("typing", Map.of("receiverId", ben));
        assertThat(bens.await("userTyping").at("/data/userId").asString()).isEqualTo(ann);

        // A connection that ends gives its place back.
        third.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> meters.get("chat.connections").gauge().value() == 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> handshake().expectStatus().isEqualTo(101));
    }

    @Test
    void aStoppingGatewayTellsEachClientToReconnectAfterItsOwnDelayFromItsCursorAndClosesWith1012() {
        ConfigurableApplicationContext second = new SpringApplicationBuilder(GatewayServiceApplication.class)
                .initializers(new ChatTestKitInitializer())
                .run("--server.port=0", "--chat.gateway.realtime.rsocket-tcp-port=-1",
                        "--chat.gateway.admission.drain-spread=4s");
        int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
        List<ChatSocket> drained = List.of(joined(secondPort, user("eve")), joined(secondPort, user("fay")),
                joined(secondPort, user("gus")));

        second.close();

        for (ChatSocket socket : drained) {
            var reconnect = socket.await("reconnect");
            assertThat(reconnect.at("/data/retryAfterMs").asLong()).isBetween(0L, 4000L);
            assertThat(reconnect.at("/cursor").asString()).isNotBlank();
            assertThat(reconnect.at("/data/reason").asString()).contains("shutting down");
            assertThat(socket.awaitClosed().code()).isEqualTo(1012);
        }
    }
}
