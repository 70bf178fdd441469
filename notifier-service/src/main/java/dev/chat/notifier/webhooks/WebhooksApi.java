package dev.chat.notifier.webhooks;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ContractType;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
 * Webhook endpoints, for operators ({@code /internal}: the gateway passes {@code /api/webhooks} on once the caller
 * showed the management token). Registering answers the secret once, in the Standard Webhooks format.
 */
@RestController
@RequestMapping("/internal/webhooks")
class WebhooksApi {

    /** The CloudEvents types an endpoint may ask for: every event of chat.events.v1. */
    static final List<String> EVENT_TYPES = Arrays.stream(ContractType.values())
            .filter(t -> ChatEvent.class.isAssignableFrom(t.javaType())).map(ContractType::typeName).toList();

    private final WebhookEndpoints endpoints;
    private final DestinationGuard guard;
    private final Clock clock;

    WebhooksApi(WebhookEndpoints endpoints, DestinationGuard guard, Clock clock) {
        this.endpoints = endpoints;
        this.guard = guard;
        this.clock = clock;
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> register(@RequestBody(required = false) JsonNode body) {
        return Answers.change(HttpStatus.CREATED, () -> {
            if (body == null || !body.isObject() || !body.path("url").isString()) {
                throw new Invalid("the body must be {url, eventTypes?}");
            }
            String url = body.get("url").asString();
            guard.problem(url).ifPresent(problem -> {
                throw new Invalid(problem);
            });
            LinkedHashSet<String> types = new LinkedHashSet<>();
            JsonNode wanted = body.get("eventTypes");
            if (wanted != null && !wanted.isNull()) {
                if (!wanted.isArray()) {
                    throw new Invalid("eventTypes must be a list of CloudEvents types");
                }
                for (JsonNode type : wanted) {
                    if (!type.isString() || !EVENT_TYPES.contains(type.asString())) {
                        throw new Invalid("unknown event type " + type + "; known: " + String.join(", ", EVENT_TYPES));
                    }
                    types.add(type.asString());
                }
            }
            WebhookEndpoint endpoint = endpoints.register(url, types, clock.instant());
            Map<String, Object> answer = new LinkedHashMap<>(shown(endpoint));
            answer.put("secret", endpoint.secrets().get(0).value());
            return Map.of("success", true, "webhook", answer, "id", endpoint.id(), "secret",
                    endpoint.secrets().get(0).value());
        });
    }

    @GetMapping
    Mono<ResponseEntity<Map<String, Object>>> list() {
        return answer(HttpStatus.OK, () -> Map.of("success", true, "webhooks",
                endpoints.all().stream().map(WebhooksApi::shown).toList()));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Map<String, Object>>> delete(@PathVariable String id) {
        return Answers.change(HttpStatus.OK, () -> {
            if (!endpoints.delete(id)) {
                throw new NotFound("no such webhook");
            }
            return Map.of("success", true);
        });
    }

    /** A new secret; the previous ones keep signing for a day, so receivers can switch without a gap. */
    @PostMapping("/{id}/rotate")
    Mono<ResponseEntity<Map<String, Object>>> rotate(@PathVariable String id) {
        return Answers.change(HttpStatus.OK, () -> Map.of("success", true, "secret",
                endpoints.rotate(id, clock.instant()).orElseThrow(() -> new NotFound("no such webhook"))));
    }

    private static Map<String, Object> shown(WebhookEndpoint e) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", e.id());
        shown.put("url", e.url());
        shown.put("eventTypes", e.eventTypes().isEmpty() ? EVENT_TYPES : List.copyOf(e.eventTypes()));
        shown.put("createdAt", e.createdAt().toString());
        shown.put("disabled", e.disabledReason() != null);
        if (e.disabledReason() != null) {
            shown.put("disabledReason", e.disabledReason());
        }
        return shown;
    }
}
