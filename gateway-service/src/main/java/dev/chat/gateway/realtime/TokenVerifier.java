package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Socket authentication: the same JWT rules as REST (signature, expiry, user claim). */
@Component
class TokenVerifier {

    private final ReactiveJwtDecoder decoder;
    private final String claim;

    TokenVerifier(ReactiveJwtDecoder decoder, GatewayProperties properties) {
        this.decoder = decoder;
        this.claim = properties.userIdClaim();
    }

    /** The token's user id, or an error whose message can be shown to the client. */
    Mono<String> userId(String token) {
        if (token == null || token.isBlank()) {
            return Mono.error(new FrameException("a bearer token is required"));
        }
        String bare = token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7).trim() : token.trim();
        // The decoder applies the gateway's token rules (expiry, lifetime, user claim), as for REST.
        return decoder.decode(bare)
                .onErrorMap(e -> new FrameException(reason(e)))
                .map(jwt -> jwt.getClaimAsString(claim));
    }

    /** A broken rule's own words (no expiry, lifetime, user claim); otherwise just "invalid token". */
    private static String reason(Throwable failure) {
        if (failure instanceof JwtValidationException invalid) {
            return invalid.getErrors().stream().map(error -> error.getDescription())
                    .filter(description -> description != null).findFirst().orElse("invalid token");
        }
        return "invalid token";
    }
}
