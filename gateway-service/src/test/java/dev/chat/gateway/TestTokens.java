package dev.chat.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** HS256 tokens like the ones the gateway accepts (or, with another secret, refuses). */
public final class TestTokens {

    public static final String SECRET = "local-development-secret-change-me-please-0123456789";

    private TestTokens() {
    }

    public static String token(String userId) {
        return token(SECRET, userId, Duration.ofHours(1));
    }

    public static String token(String secret, String userId, Duration validFor) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject(userId)
                .issuedAt(validFor.isNegative() ? now.plus(validFor).minusSeconds(60) : now)
                .expiresAt(now.plus(validFor)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
