package dev.chat.gateway.security;

import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.web.ApiErrors;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code /api/**} call needs a bearer JWT. Locally tokens are HS256 with {@code CHAT_JWT_SECRET};
 * in production an issuer or JWKS URI verifies them. Expired, badly signed and unsigned
 * ({@code alg: none}) tokens are refused with 401.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> { })
                        .authenticationEntryPoint((exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED,
                                "a valid bearer token is required"))
                        .accessDeniedHandler((exchange, e) -> write(exchange, HttpStatus.FORBIDDEN, "forbidden")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED,
                                "a valid bearer token is required")))
                .build();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties) {
        if (properties.jwtIssuerUri() != null && !properties.jwtIssuerUri().isBlank()) {
            return ReactiveJwtDecoders.fromIssuerLocation(properties.jwtIssuerUri());
        }
        if (properties.jwtJwkSetUri() != null && !properties.jwtJwkSetUri().isBlank()) {
            return NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwtJwkSetUri()).build();
        }
        return NimbusReactiveJwtDecoder.withSecretKey(hmacKey(properties)).macAlgorithm(MacAlgorithm.HS256).build();
    }

    static SecretKey hmacKey(GatewayProperties properties) {
        byte[] secret = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("CHAT_JWT_SECRET must be at least 32 bytes for HS256");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = JSON.writeValueAsBytes(ApiErrors.body(message));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
