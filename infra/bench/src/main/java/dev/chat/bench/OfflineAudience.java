package dev.chat.bench;

import com.sun.net.httpserver.HttpServer;
import dev.chat.contracts.ChatJson;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receivers who are not connected (the {@code --offline-share} of the pairs), as the notifier sees them: each has
 * an email address and a push subscription whose endpoint is this tool's own push service (it answers 201, as a
 * browser vendor's does, without decrypting). Times each push from the due time of the oldest message it covers;
 * that includes the notifier's push delay ({@code CHAT_NOTIFY_PUSH_DELAY}).
 *
 * <p>The push service is one for the whole process, up until it exits: the receivers of a step series' earlier
 * steps keep a working endpoint, as they would with a browser vendor's. (One per run, stopped after it, left the
 * notifier retrying pushes to a vanished endpoint every minute, and the next steps measured those retries.)
 */
final class OfflineAudience implements AutoCloseable {

    /** Which run each receiver belongs to (a push to an earlier run's receiver is answered, not counted). */
    private static final Map<String, OfflineAudience> AUDIENCES = new ConcurrentHashMap<>();
    private static HttpServer pushService;

    private final HttpClient http;
    private final URI gateway;
    private final Map<String, Long> oldestUnpushed = new ConcurrentHashMap<>();
    private final Latencies sendToPush = new Latencies();
    private final AtomicLong pushes = new AtomicLong();
    private int receivers;

    OfflineAudience(HttpClient http, URI gateway) {
        this.http = http;
        this.gateway = gateway;
        pushService();
    }

    private static synchronized HttpServer pushService() {
        if (pushService == null) {
            try {
                pushService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            pushService.createContext("/push/", exchange -> {
                String receiver = exchange.getRequestURI().getPath().substring("/push/".length());
                exchange.getRequestBody().readAllBytes();
                OfflineAudience audience = AUDIENCES.get(receiver);
                if (audience != null) {
                    audience.pushed(receiver, System.nanoTime());
                }
                exchange.sendResponseHeaders(201, -1);
                exchange.close();
            });
            pushService.start();
        }
        return pushService;
    }

    private void pushed(String receiver, long now) {
        Long due = oldestUnpushed.remove(receiver);
        if (due != null) {
            sendToPush.record(due, now);
        }
        pushes.incrementAndGet();
    }

    /** Gives {@code user} an email address and a push subscription to this tool's push service. */
    void enrol(String user, String token) {
        put("PUT", "/api/notifications/preferences", token, Map.of("email", user + "@bench.test"));
        put("POST", "/api/push/subscriptions", token, Map.of(
                "endpoint", "http://127.0.0.1:" + pushService().getAddress().getPort() + "/push/" + user,
                "expirationTime", 0, "keys", Map.of("p256dh", randomPublicKey(), "auth", randomAuth())));
        AUDIENCES.put(user, this);
        receivers++;
    }

    /** A message due at {@code dueNanos} went to {@code receiver}. */
    void sent(String receiver, long dueNanos) {
        oldestUnpushed.putIfAbsent(receiver, dueNanos);
    }

    String text() {
        return "  offline   %d receivers with push and email: %d pushes, send→push %s%n".formatted(receivers,
                pushes.get(), sendToPush.summary().text());
    }

    private void put(String method, String path, String token, Object body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve(path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(ChatJson.mapper().writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                // No notifier running (the A of an A/B): the receivers stay offline and get nothing.
                return;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
            byte[] point = new byte[65];
            point[0] = 4;
            copy(key.getW().getAffineX().toByteArray(), point, 1);
            copy(key.getW().getAffineY().toByteArray(), point, 33);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(point);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(byte[] unsigned, byte[] into, int at) {
        int length = Math.min(unsigned.length, 32);
        System.arraycopy(unsigned, unsigned.length - length, into, at + 32 - length, length);
    }

    private static String randomAuth() {
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(auth);
    }

    /** This run's receivers are no longer counted; the push service stays up for the runs after it. */
    @Override
    public void close() {
        AUDIENCES.values().removeIf(audience -> audience == this);
    }
}
