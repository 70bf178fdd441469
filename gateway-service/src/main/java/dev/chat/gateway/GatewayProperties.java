package dev.chat.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * gateway settings ({@code chat.gateway.*}; environment variables in the README).
 *
 * @param jwtSecret     HS256 secret for tokens (at least 32 bytes); ignored when an issuer or JWKS URI is set
 * @param jwtIssuerUri  OpenID issuer whose keys verify tokens (production)
 * @param jwtJwkSetUri  JWKS endpoint whose keys verify tokens (production, without discovery)
 * @param userIdClaim   the token claim that holds the user id
 * @param sendTimeout   how long a send or read waits for message-service's answer before 202
 * @param devTokens     serve {@code POST /dev/token} (local development only)
 * @param sendRatePerSecond sustained sends per user per gateway instance
 * @param sendBurst     sends a user may make at once before the rate applies
 */
@ConfigurationProperties("chat.gateway")
public record GatewayProperties(
        @DefaultValue("local-development-secret-change-me-please-0123456789") String jwtSecret,
        String jwtIssuerUri,
        String jwtJwkSetUri,
        @DefaultValue("sub") String userIdClaim,
        @DefaultValue("5s") Duration sendTimeout,
        @DefaultValue("false") boolean devTokens,
        @DefaultValue("20") double sendRatePerSecond,
        @DefaultValue("40") int sendBurst) {
}
