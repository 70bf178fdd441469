package dev.chat.gateway.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A signed link opens what it names until it expires, and nothing once any part of it is changed. */
class SignedLinksTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aLinkWorksUntilItExpiresAndNotWhenChanged() {
        SignedLinks links = new SignedLinks("a-secret-of-at-least-32-bytes-0123456789", Duration.ofMinutes(5),
                Clock.fixed(NOW, ZoneOffset.UTC));
        SignedLinks.Link link = links.sign(ID, SignedLinks.Variant.THUMBNAIL);
        Map<String, String> query = query(link.url());

        assertThat(link.url()).startsWith("/api/attachments/" + ID + "/content?variant=thumbnail&");
        assertThat(link.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        long expires = Long.parseLong(query.get("expires"));
        String signature = query.get("signature");
        assertThat(links.check(ID, SignedLinks.Variant.THUMBNAIL, expires, signature)).isEqualTo(SignedLinks.Check.VALID);
        assertThat(links.check(ID, SignedLinks.Variant.ORIGINAL, expires, signature)).isEqualTo(SignedLinks.Check.FORGED);
        assertThat(links.check(ID.replace('0', '1'), SignedLinks.Variant.THUMBNAIL, expires, signature))
                .isEqualTo(SignedLinks.Check.FORGED);
        assertThat(links.check(ID, SignedLinks.Variant.THUMBNAIL, expires + 3600, signature))
                .isEqualTo(SignedLinks.Check.FORGED);
        assertThat(links.check(ID, SignedLinks.Variant.THUMBNAIL, expires, null)).isEqualTo(SignedLinks.Check.FORGED);

        SignedLinks later = new SignedLinks("a-secret-of-at-least-32-bytes-0123456789", Duration.ofMinutes(5),
                Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC));
        assertThat(later.check(ID, SignedLinks.Variant.THUMBNAIL, expires, signature)).isEqualTo(SignedLinks.Check.EXPIRED);
        SignedLinks otherKey = new SignedLinks("another-secret-of-at-least-32-bytes-012345", Duration.ofMinutes(5),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherKey.check(ID, SignedLinks.Variant.THUMBNAIL, expires, signature))
                .isEqualTo(SignedLinks.Check.FORGED);
    }

    static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return query;
    }
}
