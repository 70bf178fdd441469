package dev.chat.gateway.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.chat.contracts.Ids;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/token?userId=alice} issues a 12-hour HS256 token for local development. Off unless
 * {@code chat.gateway.dev-tokens=true} (the local platform's profile turns it on); never in production.
 */
@RestController
@ConditionalOnProperty(name = "chat.gateway.dev-tokens", havingValue = "true")
class DevTokenController {

    private final NimbusJwtEncoder encoder;
    private final String claim;

    DevTokenController(GatewayProperties properties) {
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(SecurityConfiguration.hmacKey(properties)));
        this.claim = properties.userIdClaim();
    }

    @PostMapping("/dev/token")
    Map<String, Object> token(@RequestParam String userId) {
        if (!Ids.isValidUserId(userId)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "userId must match [A-Za-z0-9_-]{1,64}");
        }
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(userId)
                .claim(claim, userId)
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofHours(12)))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return Map.of("success", true, "token", token, "userId", userId);
    }
}
