package dev.chat.gateway.notifications;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Webhook endpoints, for operators: {@code Authorization: Bearer <CHAT_MANAGEMENT_TOKEN>} (not a user's token),
 * passed on to notifier-service. Without a management token configured, there is no way to register one.
 */
@RestController
class WebhooksController {

    private final NotifierClient notifier;

    WebhooksController(NotifierClient notifier) {
        this.notifier = notifier;
    }

    @PostMapping("/api/webhooks")
    Mono<ResponseEntity<String>> register(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @RequestBody(required = false) String body) {
        return operator(authorization, () -> notifier.forward(HttpMethod.POST, "/internal/webhooks", body));
    }

    @GetMapping("/api/webhooks")
    Mono<ResponseEntity<String>> list(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization) {
        return operator(authorization, () -> notifier.forward(HttpMethod.GET, "/internal/webhooks", null));
    }

    @DeleteMapping("/api/webhooks/{id}")
    Mono<ResponseEntity<String>> delete(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable String id) {
        return operator(authorization, () -> notifier.forward(HttpMethod.DELETE, "/internal/webhooks/{id}", null, id));
    }

    @PostMapping("/api/webhooks/{id}/rotate")
    Mono<ResponseEntity<String>> rotate(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable String id) {
        return operator(authorization, () -> notifier.forward(HttpMethod.POST, "/internal/webhooks/{id}/rotate",
                null, id));
    }

    private Mono<ResponseEntity<String>> operator(String authorization,
            java.util.function.Supplier<Mono<ResponseEntity<String>>> call) {
        if (!notifier.hasManagementToken()) {
            return refuse(HttpStatus.FORBIDDEN, "webhooks are managed with the management token: set CHAT_MANAGEMENT_TOKEN");
        }
        if (!notifier.isManagementToken(authorization)) {
            return refuse(HttpStatus.UNAUTHORIZED, "webhooks need Authorization: Bearer <the management token>");
        }
        return call.get();
    }

    private static Mono<ResponseEntity<String>> refuse(HttpStatus status, String message) {
        return Mono.just(ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body("{\"success\":false,\"message\":\"" + message + "\"}"));
    }
}
