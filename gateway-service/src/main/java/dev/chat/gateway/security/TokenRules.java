package dev.chat.gateway.security;

import dev.chat.contracts.ChatJson;
import dev.chat.contracts.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What the gateway asks of a token beyond its signature and time window, on every protocol (REST, the
 * WebSocket handshake or auth frame, RSocket setup): it expires, and not too far ahead; its user claim is
 * a JSON string that is a valid user id (a number 12345 is not user "12345").
 */
final class TokenRules {

    /** Tolerated clock difference between the issuer and this gateway. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private TokenRules() {
    }

    /** A token must carry {@code exp}, at most {@code maxLifetime} after its {@code iat} (or after now). */
    static OAuth2TokenValidator<Jwt> expiring(Duration maxLifetime, Clock clock) {
        return jwt -> {
            Instant expiresAt = jwt.getExpiresAt();
            if (expiresAt == null) {
                return invalid("the token has no expiry (exp)");
            }
            Instant from = jwt.getIssuedAt() != null ? jwt.getIssuedAt() : clock.instant();
            if (Duration.between(from, expiresAt).compareTo(maxLifetime.plus(CLOCK_SKEW)) > 0) {
                return invalid("the token lives longer than the allowed " + maxLifetime);
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    /**
     * The user id claim is a string in the user id alphabet. Checked in the token as sent: the JWT library
     * turns a numeric {@code sub} into a string before any validator sees the claims.
     */
    static OAuth2TokenValidator<Jwt> userClaim(String claim) {
        return jwt -> {
            JsonNode value = payload(jwt.getTokenValue()).path(claim);
            return value.isString() && Ids.isValidUserId(value.asString())
                    ? OAuth2TokenValidatorResult.success()
                    : invalid("token has no valid '" + claim + "' claim");
        };
    }

    private static JsonNode payload(String token) {
        String[] parts = token.split("\\.");
        try {
            return parts.length < 2 ? MissingNode.getInstance()
                    : ChatJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
