package dev.chat.gateway.security;

import com.mongodb.client.model.Filters;
import dev.chat.gateway.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One-time sign-in codes: what a link to the web client carries instead of a token ({@code /#code=…}). A browser
 * keeps every address it opened in its history, fragment included; a code is worthless once exchanged (or after
 * {@code chat.gateway.sign-in-code-ttl}), a token is not. Kept in the gateway's own collection, hashed, so any
 * gateway instance exchanges a code another one issued, and exactly once.
 */
@Component
class SignInCodes {

    /** The gateway's own collection: {@code _id} the code's SHA-256, the token, when it expires. */
    static final String COLLECTION = "sign_in_codes";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A code and when it stops working. */
    record Issued(String code, Instant expiresAt) {
    }

    private final ReactiveMongoTemplate mongo;
    private final GatewayProperties properties;
    private final Clock clock = Clock.systemUTC();

    SignInCodes(ReactiveMongoTemplate mongo, GatewayProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /** A new code for {@code token}, valid until it is exchanged, it expires, or the token does. */
    Mono<Issued> issue(Jwt token) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.signInCodeTtl());
        if (token.getExpiresAt() != null && token.getExpiresAt().isBefore(expiresAt)) {
            expiresAt = token.getExpiresAt();
        }
        Document stored = new Document("_id", hash(code)).append("token", token.getTokenValue())
                .append("expiresAt", Date.from(expiresAt));
        Instant expiry = expiresAt;
        return mongo.getCollection(COLLECTION)
                // Codes nobody exchanged are swept by the next one issued.
                .flatMap(codes -> Mono.from(codes.deleteMany(Filters.lt("expiresAt", Date.from(now))))
                        .then(Mono.from(codes.insertOne(stored))))
                .thenReturn(new Issued(code, expiry));
    }

    /** The token a code stands for, once: empty if it was exchanged already, has expired or never existed. */
    Mono<String> redeem(String code) {
        if (code == null || code.isBlank() || code.length() > 100) {
            return Mono.empty();
        }
        return mongo.getCollection(COLLECTION)
                .flatMap(codes -> Mono.from(codes.findOneAndDelete(Filters.eq("_id", hash(code)))))
                .filter(found -> found.getDate("expiresAt").toInstant().isAfter(clock.instant()))
                .map(found -> found.getString("token"));
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
