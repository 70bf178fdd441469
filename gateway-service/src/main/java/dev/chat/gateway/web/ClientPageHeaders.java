package dev.chat.gateway.web;

import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The web client's page comes with a Content Security Policy: scripts, styles and connections only from
 * this origin (the client has no inline script or style), pictures also from https hosts (avatars), no
 * plugins, no framing, and no referrer. Should content ever reach the page as markup, it could neither
 * run script nor send anything elsewhere. Other paths (the API, Swagger UI) keep their own headers.
 */
@Component
class ClientPageHeaders implements WebFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self' https: data:; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private static final Set<String> PAGES = Set.of("/", "/index.html");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (HttpMethod.GET.equals(exchange.getRequest().getMethod())
                && PAGES.contains(exchange.getRequest().getPath().value())) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", POLICY);
            headers.set("Referrer-Policy", "no-referrer");
        }
        return chain.filter(exchange);
    }
}
