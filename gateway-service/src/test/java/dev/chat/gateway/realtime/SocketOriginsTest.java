package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.GatewayProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** With CHAT_ALLOWED_ORIGINS set, only listed pages and the gateway's own open sockets; unset, any page may. */
class SocketOriginsTest {

    @Test
    void aListedOriginOrTheGatewaysOwnMayOpenASocketAnotherMayNot() {
        SocketOrigins origins = origins("https://app.example.test, https://admin.example.test/");
        assertThat(passes(origins, "/ws", "https://app.example.test")).isTrue();
        assertThat(passes(origins, "/socket.io/", "https://ADMIN.example.test")).isTrue();
        assertThat(passes(origins, "/ws", "http://gateway.example.test:8080")).as("its own page").isTrue();
        assertThat(passes(origins, "/ws", null)).as("no Origin: not a browser").isTrue();
        MockServerWebExchange refused = exchange("/socket.io/", "https://evil.example.test");
        assertThat(filtered(origins, refused)).isFalse();
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getResponse().getBodyAsString().block()).contains("\"success\":false")
                .contains("https://evil.example.test");
        assertThat(passes(origins, "/rsocket", "https://evil.example.test")).isFalse();
        assertThat(passes(origins, "/api/messages/send", "https://evil.example.test")).as("not a socket").isTrue();
    }

    @Test
    void unsetAnyOriginMay() {
        assertThat(passes(origins(""), "/ws", "https://anywhere.example.test")).isTrue();
    }

    private static boolean passes(SocketOrigins origins, String path, String origin) {
        return filtered(origins, exchange(path, origin));
    }

    private static boolean filtered(SocketOrigins origins, MockServerWebExchange exchange) {
        boolean[] passed = {false};
        origins.filter(exchange, e -> {
            passed[0] = true;
            return Mono.empty();
        }).block();
        return passed[0];
    }

    private static MockServerWebExchange exchange(String path, String origin) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("http://gateway.example.test:8080" + path)
                .header("Host", "gateway.example.test:8080");
        if (origin != null) {
            request.header("Origin", origin);
        }
        return MockServerWebExchange.from(request);
    }

    private static SocketOrigins origins(String allowed) {
        GatewayProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "chat.gateway.allowed-origins", allowed))).bindOrCreate("chat.gateway", GatewayProperties.class);
        return new SocketOrigins(properties);
    }
}
