package dev.chat.notifier.push;

import dev.chat.notifier.people.PushSubscription;
import dev.chat.notifier.people.PushSubscriptions;

import com.interaso.webpush.VapidKeys;
import dev.chat.contracts.Ids;
import dev.chat.notifier.NotifierProperties;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import dev.chat.notifier.api.Answers;
import dev.chat.notifier.api.Answers.Invalid;
import dev.chat.notifier.api.Answers.NotFound;
import static dev.chat.notifier.api.Answers.answer;
import tools.jackson.databind.JsonNode;

/**
 * Push subscriptions of a user (the gateway passes {@code /api/push/…} on for the authenticated user) and the
 * VAPID public key a browser subscribes with. A subscription is checked before it is kept: an {@code https}
 * endpoint (plain http only to this machine, where private addresses are allowed), a P-256 public key and a
 * 16-byte auth secret.
 */
@RestController
@RequestMapping("/internal")
class PushApi {

    private final PushSubscriptions subscriptions;
    private final VapidKeys keys;
    private final NotifierProperties properties;
    private final Clock clock;

    PushApi(PushSubscriptions subscriptions, VapidKeys keys, NotifierProperties properties, Clock clock) {
        this.subscriptions = subscriptions;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/push/vapid-public-key")
    Map<String, Object> publicKey() {
        return Map.of("success", true, "publicKey",
                Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey()));
    }

    @PostMapping("/users/{userId}/push-subscriptions")
    Mono<ResponseEntity<Map<String, Object>>> subscribe(@PathVariable String userId,
            @RequestBody(required = false) JsonNode body) {
        return Answers.change(HttpStatus.CREATED, () -> {
            if (!Ids.isValidUserId(userId)) {
                throw new Invalid("not a user id");
            }
            if (body == null || !body.isObject()) {
                throw new Invalid("the body must be a PushSubscriptionJSON: {endpoint, expirationTime, keys: {p256dh, auth}}");
            }
            String endpoint = endpoint(body.path("endpoint").asString(""));
            String p256dh = key(body.path("keys").path("p256dh").asString(""), 65, "keys.p256dh");
            if (Base64.getUrlDecoder().decode(p256dh)[0] != 0x04) {
                throw new Invalid("keys.p256dh must be an uncompressed P-256 public key");
            }
            String auth = key(body.path("keys").path("auth").asString(""), 16, "keys.auth");
            JsonNode expiration = body.get("expirationTime");
            Instant expires = expiration == null || expiration.isNull() ? null
                    : expiration.isNumber() ? Instant.ofEpochMilli(expiration.asLong()) : invalidExpiration();
            PushSubscription saved = subscriptions.save(userId, endpoint, p256dh, auth, expires, clock.instant());
            return Map.of("success", true, "id", saved.id());
        });
    }

    @DeleteMapping("/users/{userId}/push-subscriptions/{id}")
    Mono<ResponseEntity<Map<String, Object>>> unsubscribe(@PathVariable String userId, @PathVariable String id) {
        return Answers.change(HttpStatus.OK, () -> {
            if (!subscriptions.delete(userId, id)) {
                throw new NotFound("no such push subscription");
            }
            return Map.of("success", true);
        });
    }

    private String endpoint(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (Exception e) {
            throw new Invalid("endpoint is not a URL");
        }
        if (uri.getHost() == null || endpoint.length() > 2048) {
            throw new Invalid("endpoint must be an https URL");
        }
        if ("https".equals(uri.getScheme())) {
            return endpoint;
        }
        if ("http".equals(uri.getScheme()) && properties.webhookAllowPrivate() && loopback(uri.getHost())) {
            return endpoint;
        }
        throw new Invalid("endpoint must be an https URL");
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    private static String key(String value, int length, String name) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(value.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new Invalid(name + " must be base64url");
        }
        if (bytes.length != length) {
            throw new Invalid(name + " must be " + length + " bytes");
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Instant invalidExpiration() {
        throw new Invalid("expirationTime must be a number (milliseconds since 1970) or null");
    }
}
