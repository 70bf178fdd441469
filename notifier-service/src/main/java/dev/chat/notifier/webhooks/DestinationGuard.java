package dev.chat.notifier.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where webhooks may go: an {@code https} URL (plain {@code http} too when private addresses are allowed, as on
 * a developer's machine) whose host resolves only to public addresses. Loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7), carrier-grade NAT (100.64/10), link-local (169.254/16 — cloud metadata —, fe80::/10),
 * unspecified and multicast addresses are refused unless {@code CHAT_WEBHOOK_ALLOW_PRIVATE}: a webhook must not
 * be a way into the platform's own network. Checked at registration and again before every attempt (a name
 * may resolve elsewhere later).
 */
final class DestinationGuard {

    private final boolean allowPrivate;

    DestinationGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why {@code url} may not receive webhooks, or empty. */
    Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("url is not a URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || allowPrivate && scheme.equals("http"))) {
            return Optional.of(allowPrivate ? "url must be http or https" : "url must be https");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            return Optional.of("url must name a host, without user info or fragment");
        }
        if (url.length() > 2048) {
            return Optional.of("url is longer than 2048 characters");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!isPublic(address)) {
                    return Optional.of("url resolves to a loopback, private or link-local address ("
                            + address.getHostAddress() + "); set CHAT_WEBHOOK_ALLOW_PRIVATE=true to allow it");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("url's host does not resolve");
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128);
        }
        if (address instanceof Inet6Address) {
            // Unique local fc00::/7.
            return (b[0] & 0xfe) != 0xfc;
        }
        return true;
    }
}
