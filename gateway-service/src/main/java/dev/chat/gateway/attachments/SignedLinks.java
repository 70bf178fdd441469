package dev.chat.gateway.attachments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived download links the gateway serves itself: {@code /api/attachments/<id>/content?variant=…&expires=…&
 * signature=…}, the signature an HMAC-SHA256 over the id, the variant and the expiry with a key every gateway shares.
 * A link opens the file without a token (an {@code <img src>} cannot send one) until it expires; a changed id,
 * variant or expiry breaks the signature.
 */
final class SignedLinks {

    /** What a link opens: the file, or its thumbnail. */
    enum Variant {
        ORIGINAL,
        THUMBNAIL;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The variant a request names; null if it names none of them. */
        static Variant of(String wire) {
            for (Variant variant : values()) {
                if (variant.wire().equals(wire)) {
                    return variant;
                }
            }
            return null;
        }
    }

    /** A link and until when it works. */
    record Link(String url, Instant expiresAt) {
    }

    /** What a presented link is worth. */
    enum Check {
        VALID,
        EXPIRED,
        FORGED
    }

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;

    /** @param secret shared by every gateway; the key is derived from it, so it serves no other purpose as is */
    SignedLinks(String secret, Duration ttl, Clock clock) {
        this.key = sha256(("chat-attachment-links\n" + secret).getBytes(StandardCharsets.UTF_8));
        this.ttl = ttl;
        this.clock = clock;
    }

    Duration ttl() {
        return ttl;
    }

    Link sign(String id, Variant variant) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return new Link("/api/attachments/" + id + "/content?variant=" + variant.wire() + "&expires=" + expires
                + "&signature=" + signature(id, variant, expires), Instant.ofEpochSecond(expires));
    }

    Check check(String id, Variant variant, long expires, String signature) {
        byte[] presented = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.US_ASCII);
        byte[] expected = signature(id, variant, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(presented, expected)) {
            return Check.FORGED;
        }
        return clock.instant().getEpochSecond() > expires ? Check.EXPIRED : Check.VALID;
    }

    private String signature(String id, Variant variant, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal((id + "\n" + variant.wire() + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
