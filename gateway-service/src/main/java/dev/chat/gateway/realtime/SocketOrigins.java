package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.web.ApiErrors;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Which web pages may open a socket ({@code /ws}, {@code /socket.io/}, {@code /rsocket}): with
 * {@code CHAT_ALLOWED_ORIGINS} set, a request whose {@code Origin} is neither listed nor the gateway's own is refused
 * with 403 before anything else happens. Unset, any origin may: a socket is authenticated by a token the page itself
 * sends, never by a cookie the browser adds on its own, so another site's page cannot ride on a user's login; the
 * list narrows which sites may build on the API at all. Requests without {@code Origin} (non-browser clients) pass.
 */
@Component
class SocketOrigins implements WebFilter {

    private static final List<String> SOCKET_PATHS = List.of("/ws", "/socket.io", "/rsocket");

    private final Set<String> allowed;

    SocketOrigins(GatewayProperties properties) {
        this.allowed = properties.allowedOrigins() == null ? Set.of()
                : Arrays.stream(properties.allowedOrigins().split(",")).map(String::trim).filter(o -> !o.isEmpty())
                        .map(SocketOrigins::normalised).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        // A request another gateway forwarded was checked there (a page cannot add that header without a CORS
        // preflight, which the gateway does not answer).
        if (allowed.isEmpty() || origin == null || !socket(request.getPath().value()) || allows(origin, request)
                || request.getHeaders().containsHeader(SocketIoPeers.FORWARDED)) {
            return chain.filter(exchange);
        }
        return ApiErrors.write(exchange.getResponse(), HttpStatus.FORBIDDEN,
                "pages of " + origin + " may not open sockets here (CHAT_ALLOWED_ORIGINS)");
    }

    private static boolean socket(String path) {
        return SOCKET_PATHS.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** Listed, or the gateway's own page (the origin names the host the request was sent to). */
    private boolean allows(String origin, ServerHttpRequest request) {
        if (allowed.contains(normalised(origin))) {
            return true;
        }
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalised(String origin) {
        String trimmed = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
        return trimmed.toLowerCase(java.util.Locale.ROOT);
    }
}
