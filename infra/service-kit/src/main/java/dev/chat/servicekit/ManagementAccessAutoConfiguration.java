package dev.chat.servicekit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Guards the actuator's operations that change something (e.g. {@code POST /actuator/projections}, which
 * drops and rebuilds every read model): with {@code chat.management.token} ({@code CHAT_MANAGEMENT_TOKEN})
 * set, only a request bearing it, from anywhere; without, only a request from this host's own address
 * ({@code 127.0.0.1} or {@code ::1}: not the rest of 127/8, which other local users' programs may bind). Reading (health, info,
 * metrics) stays open for probes and scrapers. A service's {@code /internal} API (what the gateway calls on a
 * user's behalf, e.g. the notifier's preferences) is guarded the same way for every method: it shows private
 * data. The services' own servers also bind to {@code CHAT_MANAGEMENT_ADDRESS} (127.0.0.1) by default.
 */
@AutoConfiguration
@ConditionalOnClass(WebFilter.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ManagementAccessAutoConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    WebFilter managementAccess(Environment environment) {
        String token = environment.getProperty("chat.management.token", "");
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            HttpMethod method = exchange.getRequest().getMethod();
            boolean internal = path.startsWith("/internal/");
            if (!internal && (!path.startsWith("/actuator") || HttpMethod.GET.equals(method)
                    || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method))) {
                return chain.filter(exchange);
            }
            if (!token.isBlank()) {
                String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
                return header != null && constantTimeEquals(header, "Bearer " + token) ? chain.filter(exchange)
                        : refuse(exchange, HttpStatus.UNAUTHORIZED, "management operations need the management token");
            }
            InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
            return remote != null && isThisHost(remote.getAddress())
                    ? chain.filter(exchange)
                    : refuse(exchange, HttpStatus.FORBIDDEN,
                            "management operations are allowed from this host only; set CHAT_MANAGEMENT_TOKEN to allow them remotely");
        };
    }

    /** 127.0.0.1 or ::1 exactly. */
    static boolean isThisHost(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address ? bytes[0] == 127 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 1
                : address.isLoopbackAddress();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String message) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"success\":false,\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
