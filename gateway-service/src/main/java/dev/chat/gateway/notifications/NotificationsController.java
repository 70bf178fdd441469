package dev.chat.gateway.notifications;

import dev.chat.contracts.Ids;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Notification settings, owned by notifier-service: the gateway authenticates the user and passes the request
 * on to the notifier's {@code /internal} API for that user (with the management token), answering with what
 * the notifier answered. The one-click unsubscribe from an email needs no login: its signed token says who.
 */
@RestController
class NotificationsController {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CurrentUser currentUser;
    private final WebClient notifier;

    NotificationsController(CurrentUser currentUser, GatewayProperties properties,
            @Value("${chat.management.token:}") String managementToken) {
        this.currentUser = currentUser;
        this.notifier = WebClient.builder().baseUrl(properties.notifierUrl())
                .defaultHeaders(h -> {
                    if (!managementToken.isBlank()) {
                        h.setBearerAuth(managementToken);
                    }
                })
                .build();
    }

    @GetMapping("/api/notifications/preferences")
    Mono<ResponseEntity<String>> preferences() {
        return currentUser.id().flatMap(user -> forward(HttpMethod.GET, "/internal/users/{u}/preferences", null, user));
    }

    @PutMapping("/api/notifications/preferences")
    Mono<ResponseEntity<String>> changePreferences(@RequestBody(required = false) String body) {
        return currentUser.id().flatMap(user -> forward(HttpMethod.PUT, "/internal/users/{u}/preferences", body, user));
    }

    @PutMapping("/api/conversations/{conversationId}/mute")
    Mono<ResponseEntity<String>> mute(@PathVariable String conversationId, @RequestBody(required = false) String body) {
        return currentUser.id().flatMap(user -> forward(HttpMethod.PUT, "/internal/users/{u}/conversations/{c}/mute",
                body, user, conversation(conversationId)));
    }

    @DeleteMapping("/api/conversations/{conversationId}/mute")
    Mono<ResponseEntity<String>> unmute(@PathVariable String conversationId) {
        return currentUser.id().flatMap(user -> forward(HttpMethod.DELETE,
                "/internal/users/{u}/conversations/{c}/mute", null, user, conversation(conversationId)));
    }

    @PostMapping("/api/notifications/unsubscribe")
    Mono<ResponseEntity<String>> unsubscribe(@RequestParam(required = false) String token) {
        String path = UriComponentsBuilder.fromPath("/internal/unsubscribe").queryParam("token", "{t}")
                .build().toUriString();
        return forward(HttpMethod.POST, path, null, token == null ? "" : token);
    }

    private static String conversation(String conversationId) {
        if (!Ids.isConversationId(conversationId)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "not a conversation id");
        }
        return conversationId;
    }

    private Mono<ResponseEntity<String>> forward(HttpMethod method, String path, String body, Object... variables) {
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
                        .body("{\"success\":false,\"message\":\"notification settings are unavailable right now; retry shortly\"}")));
    }
}
