package dev.chat.gateway.security;

import dev.chat.gateway.GatewayProperties;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import dev.chat.gateway.web.ApiErrors;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every {@code /api/**} call needs a bearer JWT. Locally tokens are HS256 with {@code CHAT_JWT_SECRET};
 * in production an issuer or JWKS URI verifies them. Expired, badly signed and unsigned
 * ({@code alg: none}) tokens, tokens without an expiry or with a user claim that is not a user id are
 * refused with 401.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                // The WebSocket handshake checks its own token, once, and keeps nothing of it but the user
                // (WebSocketConfiguration): the chain would decode it again and hold the result for the socket's life.
                // Socket.IO checks the token of its CONNECT packet (or of the handshake's header) itself.
                .securityMatcher(new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/ws",
                        "/socket.io", "/socket.io/")))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        // Exchanging a sign-in code is how a client gets its token: it has none yet.
                        .pathMatchers(HttpMethod.POST, "/api/sign-in-codes/redeem").permitAll()
                        // One-click unsubscribe from an email (RFC 8058): the signed token in the link says who.
                        .pathMatchers(HttpMethod.POST, "/api/notifications/unsubscribe").permitAll()
                        // Operators' webhook endpoints: the management token, checked by WebhooksController.
                        .pathMatchers("/api/webhooks", "/api/webhooks/**").permitAll()
                        // A signed download link is its own permission (an <img src> sends no token).
                        .pathMatchers(HttpMethod.GET, "/api/attachments/*/content").permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> { })
                        .bearerTokenConverter(bearerOnly())
                        .authenticationEntryPoint((exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED,
                                "a valid bearer token is required"))
                        .accessDeniedHandler((exchange, e) -> write(exchange, HttpStatus.FORBIDDEN, "forbidden")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED,
                                "a valid bearer token is required")))
                .build();
    }

    /**
     * Verifies signatures with the issuer's keys, a JWKS or the local secret, and applies the same rules to
     * every token: the time window (60 s skew), the issuer if one is configured, an expiry within
     * {@code chat.gateway.max-token-lifetime}, and a user claim that is a valid user id.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties) {
        String issuer = properties.jwtIssuerUri();
        boolean hasIssuer = issuer != null && !issuer.isBlank();
        NimbusReactiveJwtDecoder decoder;
        if (hasIssuer) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        } else if (properties.jwtJwkSetUri() != null && !properties.jwtJwkSetUri().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwtJwkSetUri()).build();
        } else {
            decoder = NimbusReactiveJwtDecoder.withSecretKey(hmacKey(properties)).macAlgorithm(MacAlgorithm.HS256).build();
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                hasIssuer ? JwtValidators.createDefaultWithIssuer(issuer) : JwtValidators.createDefault(),
                TokenRules.expiring(properties.maxTokenLifetime(), Clock.systemUTC()),
                TokenRules.userClaim(properties.userIdClaim())));
        return decoder;
    }

    /**
     * An {@code Authorization} header is a bearer token or it is refused (401), on every path — the
     * WebSocket handshake included, where a header in another scheme would otherwise pass unchecked.
     */
    static ServerAuthenticationConverter bearerOnly() {
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        bearer.setAllowUriQueryParameter(false);
        return exchange -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            if (path.equals("/api/webhooks") || path.startsWith("/api/webhooks/")) {
                // Its bearer is the management token, not a user's JWT: WebhooksController checks it.
                return Mono.empty();
            }
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header != null && !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.error(new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                        "the Authorization header must be 'Bearer <token>'", null)));
            }
            return bearer.convert(exchange);
        };
    }

    /**
     * Requests Spring Security's firewall refuses (an encoded {@code /}, {@code %00}, path traversal …) are
     * answered like every other error, with a body saying why.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedRequests() {
        return (exchange, e) -> write(exchange, HttpStatus.BAD_REQUEST,
                "the URL contains characters or sequences that are not allowed (such as an encoded '/' or '%00')");
    }

    static SecretKey hmacKey(GatewayProperties properties) {
        byte[] secret = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("CHAT_JWT_SECRET must be at least 32 bytes for HS256");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
        return ApiErrors.write(exchange.getResponse(), status, message);
    }
}
