package dev.chat.notifier.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe tokens (RFC 8058): {@code <userId>.<HMAC-SHA256(userId)>} in base64url, signed with the
 * notifier's secret. Whoever holds the token (the mailbox's owner) can turn that user's emails off without
 * logging in, and nothing else: it names no other user, and cannot be forged without the secret.
 */
public final class UnsubscribeTokens {

    private final byte[] secret;

    public UnsubscribeTokens(String secret) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the unsubscribe secret must have at least 32 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String tokenFor(String userId) {
        return userId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(userId));
    }

    /** The user a token was made for, if it is genuine. */
    public Optional<String> userOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String userId = token.substring(0, dot);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(given, mac(userId)) ? Optional.of(userId) : Optional.empty();
    }

    private byte[] mac(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("unsubscribe:" + userId).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
