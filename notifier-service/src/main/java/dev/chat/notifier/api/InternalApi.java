package dev.chat.notifier.api;

import dev.chat.contracts.Ids;
import dev.chat.notifier.email.UnsubscribeTokens;
import dev.chat.notifier.people.PreferencesStore;
import dev.chat.notifier.rules.Level;
import dev.chat.notifier.rules.Preferences;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What the gateway calls on an authenticated user's behalf ({@code /internal}: the management token, or this
 * host only — service-kit's guard), plus the one-click unsubscribe, which needs only its signed token. Answers
 * {@code {success, …}}; a bad body or id is a 400 with a plain reason and changes nothing.
 */
@RestController
@RequestMapping("/internal")
class InternalApi {

    private final PreferencesStore preferences;
    private final UnsubscribeTokens tokens;

    InternalApi(PreferencesStore preferences, UnsubscribeTokens tokens) {
        this.preferences = preferences;
        this.tokens = tokens;
    }

    @GetMapping("/users/{userId}/preferences")
    Mono<ResponseEntity<Map<String, Object>>> preferences(@PathVariable String userId) {
        return Answers.answer(HttpStatus.OK, () -> shown(preferences.of(user(userId))));
    }

    @PutMapping("/users/{userId}/preferences")
    Mono<ResponseEntity<Map<String, Object>>> change(@PathVariable String userId, @RequestBody(required = false)
            JsonNode body) {
        return Answers.change(HttpStatus.OK, () -> shown(preferences.change(user(userId), current -> PreferencesChange.apply(current, body))));
    }

    @PutMapping("/users/{userId}/conversations/{conversationId}/mute")
    Mono<ResponseEntity<Map<String, Object>>> mute(@PathVariable String userId, @PathVariable String conversationId,
            @RequestBody(required = false) JsonNode body) {
        return Answers.change(HttpStatus.OK, () -> {
            Instant until = body == null ? null : PreferencesChange.instant(body.get("until"));
            if (until != null && until.isBefore(Instant.now())) {
                throw new Answers.Invalid("until must be in the future");
            }
            return shown(preferences.change(user(userId), p -> p.muting(conversation(conversationId), until)));
        });
    }

    @DeleteMapping("/users/{userId}/conversations/{conversationId}/mute")
    Mono<ResponseEntity<Map<String, Object>>> unmute(@PathVariable String userId, @PathVariable String conversationId) {
        return Answers.change(HttpStatus.OK, () -> shown(preferences.change(user(userId), p -> p.unmuting(conversation(conversationId)))));
    }

    /**
     * A level of the conversation's own: {@code {"push": "all" | "mentions" | "none"}} (a direct message is a
     * mention), or {@code {"push": null}} to follow the user's level again.
     */
    @PutMapping("/users/{userId}/conversations/{conversationId}/notifications")
    Mono<ResponseEntity<Map<String, Object>>> level(@PathVariable String userId, @PathVariable String conversationId,
            @RequestBody(required = false) JsonNode body) {
        return Answers.change(HttpStatus.OK, () -> {
            if (body == null || !body.isObject() || !body.has("push")) {
                throw new Answers.Invalid("say {\"push\": \"all\" | \"mentions\" | \"none\"}, or null to follow your own level");
            }
            JsonNode push = body.get("push");
            Level level = push.isNull() ? null : Level.parse(push.isString() ? push.asString() : push.toString())
                    .orElseThrow(() -> new Answers.Invalid("push must be all, mentions or none (or null)"));
            return shown(preferences.change(user(userId), p -> p.withLevelIn(conversation(conversationId), level)));
        });
    }

    /** RFC 8058 one-click: the mail client POSTs {@code List-Unsubscribe=One-Click}; the token says who. */
    @PostMapping("/unsubscribe")
    Mono<ResponseEntity<Map<String, Object>>> unsubscribe(@RequestParam(required = false) String token) {
        return Answers.change(HttpStatus.OK, () -> {
            String user = tokens.userOf(token).orElseThrow(() ->
                    new Answers.Invalid("this unsubscribe link is not valid"));
            preferences.change(user, Preferences::withoutEmails);
            return Map.of("success", true, "message", "You will get no more emails. Turn them on again in the app's settings.");
        });
    }

    private static Map<String, Object> shown(Preferences p) {
        return Map.of("success", true, "preferences", PreferencesBody.of(p));
    }

    private static String user(String userId) {
        if (!Ids.isValidUserId(userId)) {
            throw new Answers.Invalid("not a user id");
        }
        return userId;
    }

    private static String conversation(String conversationId) {
        if (!Ids.isConversationId(conversationId)) {
            throw new Answers.Invalid("not a conversation id");
        }
        return conversationId;
    }
}
