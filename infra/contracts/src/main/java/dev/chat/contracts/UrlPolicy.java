package dev.chat.contracts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which links the platform stores (avatars, attachments): absolute {@code https} URLs with a host, and
 * {@code http} only where allowed for development. Every other scheme — {@code javascript:},
 * {@code data:}, {@code vbscript:}, {@code file:} — is refused, so no client renders a script or a local
 * file from someone else's message or profile.
 *
 * @param allowHttp accept {@code http:} too (development)
 */
public record UrlPolicy(boolean allowHttp) {

    public static final int MAX_LENGTH = 2048;

    /** What is wrong with {@code url} as the value of {@code field}, or empty if it may be stored. */
    public Optional<String> problem(String field, String url) {
        if (url == null || url.isBlank()) {
            return Optional.of(field + " must not be blank");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of(field + " is longer than " + MAX_LENGTH + " characters");
        }
        String expected = field + " must be an absolute " + (allowHttp ? "http or https" : "https") + " URL";
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean allowed = scheme.equals("https") || (allowHttp && scheme.equals("http"));
            return allowed && uri.getHost() != null ? Optional.empty() : Optional.of(expected);
        } catch (URISyntaxException e) {
            return Optional.of(expected);
        }
    }
}
