package dev.chat.gateway;

import dev.chat.testkit.ChatRSocket;
import dev.chat.testkit.ChatSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real clients a test opens against the gateway of its Spring test context — REST, {@code /ws}, RSocket over
 * WebSocket — closed together when each test is done. A JUnit extension:
 * {@code @RegisterExtension final GatewayClients clients = new GatewayClients();}
 */
public final class GatewayClients implements BeforeEachCallback, AfterEachCallback {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private int port;
    private WebTestClient http;

    @Override
    public void beforeEach(ExtensionContext context) {
        port = Integer.parseInt(SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port"));
        http = WebTestClient.bindToServer().baseUrl(base()).responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable client : opened) {
            client.close();
        }
        opened.clear();
    }

    /** A user id no other test uses. */
    public static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    public WebTestClient http() {
        return http;
    }

    public String base() {
        return "http://localhost:" + port;
    }

    public String ws() {
        return "ws://localhost:" + port + "/ws";
    }

    /** A {@code /ws} socket with the token in its handshake, not yet joined. */
    public ChatSocket socket(String token) {
        return keep(ChatSocket.connect(ws(), token));
    }

    /** A {@code /ws} socket of this user that joined and got {@code ready}. */
    public ChatSocket joined(String user) {
        ChatSocket socket = socket(TestTokens.token(user)).send("join", Map.of());
        socket.await("ready");
        return socket;
    }

    /** A socket opened otherwise, closed with the others. */
    public ChatSocket keep(ChatSocket socket) {
        opened.add(socket);
        return socket;
    }

    public RSocketRequester rsocket(String token) {
        RSocketRequester requester = ChatRSocket.overWebSocket("ws://localhost:" + port + "/rsocket", token);
        opened.add(requester::dispose);
        return requester;
    }

    /** {@code POST /api/messages/send} as this user. */
    public WebTestClient.ResponseSpec send(String user, String json) {
        return http.post().uri("/api/messages/send").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    /** A change of this user's own profile ({@code /api/users/me}). */
    public WebTestClient.ResponseSpec profile(HttpMethod method, String user, String json) {
        return http.method(method).uri("/api/users/me").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
