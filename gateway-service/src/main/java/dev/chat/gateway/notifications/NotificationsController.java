package dev.chat.gateway.notifications;

import dev.chat.contracts.Ids;
import dev.chat.gateway.commands.ActionBudgets;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Notification settings, owned by notifier-service: the gateway authenticates the user and passes the request
 * on to the notifier's {@code /internal} API for that user, answering with what the notifier answered. The
 * one-click unsubscribe from an email needs no login: its signed token says who. A change spends the user's
 * budget of changes ({@link ActionBudgets.Budget#ACT}): past it, 429 with when to try again.
 */
@RestController
class NotificationsController {

    private final CurrentUser currentUser;
    private final NotifierClient notifier;
    private final ActionBudgets budgets;

    NotificationsController(CurrentUser currentUser, NotifierClient notifier, ActionBudgets budgets) {
        this.currentUser = currentUser;
        this.notifier = notifier;
        this.budgets = budgets;
    }

    @GetMapping("/api/notifications/preferences")
    Mono<ResponseEntity<String>> preferences() {
        return currentUser.id().flatMap(user -> forward(HttpMethod.GET, "/internal/users/{u}/preferences", null, user));
    }

    @PutMapping("/api/notifications/preferences")
    Mono<ResponseEntity<String>> changePreferences(@RequestBody(required = false) String body) {
        return currentUser.id().flatMap(user -> change(HttpMethod.PUT, "/internal/users/{u}/preferences", body, user));
    }

    @PutMapping("/api/conversations/{conversationId}/mute")
    Mono<ResponseEntity<String>> mute(@PathVariable String conversationId, @RequestBody(required = false) String body) {
        return currentUser.id().flatMap(user -> change(HttpMethod.PUT, "/internal/users/{u}/conversations/{c}/mute",
                body, user, conversation(conversationId)));
    }

    @DeleteMapping("/api/conversations/{conversationId}/mute")
    Mono<ResponseEntity<String>> unmute(@PathVariable String conversationId) {
        return currentUser.id().flatMap(user -> change(HttpMethod.DELETE,
                "/internal/users/{u}/conversations/{c}/mute", null, user, conversation(conversationId)));
    }

    /** The conversation's own level: {@code {"push": "all" | "mentions" | "none" | null}} (null: the user's level). */
    @PutMapping("/api/conversations/{conversationId}/notifications")
    Mono<ResponseEntity<String>> level(@PathVariable String conversationId, @RequestBody(required = false) String body) {
        return currentUser.id().flatMap(user -> change(HttpMethod.PUT,
                "/internal/users/{u}/conversations/{c}/notifications", body, user, conversation(conversationId)));
    }

    @GetMapping("/api/push/vapid-public-key")
    Mono<ResponseEntity<String>> vapidPublicKey() {
        return currentUser.id().flatMap(user -> forward(HttpMethod.GET, "/internal/push/vapid-public-key", null));
    }

    @PostMapping("/api/push/subscriptions")
    Mono<ResponseEntity<String>> subscribe(@RequestBody(required = false) String body) {
        return currentUser.id().flatMap(user -> change(HttpMethod.POST, "/internal/users/{u}/push-subscriptions", body,
                user));
    }

    @DeleteMapping("/api/push/subscriptions/{id}")
    Mono<ResponseEntity<String>> unsubscribePush(@PathVariable String id) {
        return currentUser.id().flatMap(user -> change(HttpMethod.DELETE,
                "/internal/users/{u}/push-subscriptions/{id}", null, user, id));
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
        return notifier.forward(method, path, body, variables);
    }

    /** A user's change, within their budget of changes. */
    private Mono<ResponseEntity<String>> change(HttpMethod method, String path, String body, String user,
            Object... more) {
        budgets.spend(ActionBudgets.Budget.ACT, user, 1).ifPresent(refused -> {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, refused.reason(), refused.retryAfter());
        });
        Object[] variables = new Object[more.length + 1];
        variables[0] = user;
        System.arraycopy(more, 0, variables, 1, more.length);
        return forward(method, path, body, variables);
    }
}
