package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens for the benchmark's users: from the gateway's development endpoint (local platform),
 * or signed here with the deployment's HS256 secret.
 */
final class Tokens {

    private final HttpClient http;
    private final URI gateway;
    private final String secret;

    Tokens(HttpClient http, URI gateway, String secret) {
        this.http = http;
        this.gateway = gateway;
        this.secret = secret;
    }

    Map<String, String> forUsers(List<String> userIds) {
        Map<String, String> tokens = new LinkedHashMap<>();
        if (secret != null) {
            userIds.forEach(id -> tokens.put(id, sign(id)));
            return tokens;
        }
        Semaphore parallel = new Semaphore(16);
        Map<String, CompletableFuture<String>> pending = new LinkedHashMap<>();
        for (String id : userIds) {
            parallel.acquireUninterruptibly();
            HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/dev/token?userId=" + id))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build();
            pending.put(id, http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> parallel.release())
                    .thenApply(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("POST /dev/token answered " + response.statusCode()
                                    + " (is this the local platform? otherwise pass --jwt-secret)");
                        }
                        return ChatJson.mapper().readTree(response.body()).path("token").asString();
                    }));
        }
        pending.forEach((id, token) -> tokens.put(id, token.join()));
        return tokens;
    }

    private String sign(String userId) {
        return sign(secret, userId);
    }

    /** An HS256 token for {@code userId}, valid for 12 hours. */
    static String sign(String secret, String userId) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(ChatJson.mapper().writeValueAsBytes(
                Map.of("sub", userId, "iat", now, "exp", now + 12 * 3600)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
            return header + "." + claims + "." + signature;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
