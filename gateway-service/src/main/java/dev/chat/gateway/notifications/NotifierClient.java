package dev.chat.gateway.notifications;

import dev.chat.gateway.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * notifier-service's {@code /internal} API as the gateway calls it: with the management token (the notifier's
 * guard), answering the caller with the notifier's own status and body; 503 with {@code Retry-After} when the
 * notifier cannot be reached.
 */
@Component
class NotifierClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebClient notifier;
    private final String managementToken;

    NotifierClient(GatewayProperties properties, @Value("${chat.management.token:}") String managementToken) {
        this.managementToken = managementToken;
        this.notifier = WebClient.builder().baseUrl(properties.notifierUrl())
                .defaultHeaders(h -> {
                    if (!managementToken.isBlank()) {
                        h.setBearerAuth(managementToken);
                    }
                })
                .build();
    }

    /** Whether {@code authorization} is {@code Bearer <the management token>} (never when none is configured). */
    boolean isManagementToken(String authorization) {
        return !managementToken.isBlank() && authorization != null && MessageDigest.isEqual(
                authorization.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + managementToken).getBytes(StandardCharsets.UTF_8));
    }

    boolean hasManagementToken() {
        return !managementToken.isBlank();
    }

    Mono<ResponseEntity<String>> forward(HttpMethod method, String path, String body, Object... variables) {
        WebClient.RequestBodySpec request = notifier.method(method).uri(path, variables);
        if (body != null && !body.isBlank()) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        }
        return request.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(answer -> ResponseEntity.status(response.statusCode())
                                .contentType(MediaType.APPLICATION_JSON).body(answer)))
                .timeout(TIMEOUT)
                .onErrorResume(e -> e instanceof WebClientRequestException
                        || e instanceof java.util.concurrent.TimeoutException, e -> Mono.just(ResponseEntity
                        .status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"success\":false,\"message\":\"notifications are unavailable right now; retry shortly\"}")));
    }
}
