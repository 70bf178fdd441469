package dev.chat.gateway.commands;

import dev.chat.contracts.CommandAccepted;
import dev.chat.gateway.web.ApiException;
import dev.chat.gateway.wire.RestBodies;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/** How REST says a {@link Refusal} (one status per code, the reason as the message) and an action's outcome. */
public final class RestRefusals {

    private RestRefusals() {
    }

    /**
     * A command's result on REST: what {@code done} answers for it accepted (or done before), the refusal's status,
     * or 202 while undecided.
     */
    public static Mono<ResponseEntity<?>> answer(CommandResult result,
            Function<CommandAccepted, Mono<ResponseEntity<?>>> done) {
        return result.fold(accepted -> done.apply(accepted.outcome()), duplicate -> done.apply(duplicate.outcome()),
                refused -> Mono.error(exception(refused.refusal())),
                pending -> Mono.just(pending(pending, null)));
    }

    /** Not decided in time; it may still be. 202: sending it again (a send with the same clientMessageId) is safe. */
    public static ResponseEntity<?> pending(CommandResult.Pending pending, String clientMessageId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RestBodies.Pending(pending.explanation(),
                clientMessageId));
    }

    public static ApiException exception(Refusal refusal) {
        HttpStatus status = switch (refusal.code()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case NOT_A_PARTICIPANT -> HttpStatus.FORBIDDEN;
            case UNKNOWN_CONVERSATION, UNKNOWN_MESSAGE -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return new ApiException(status, refusal.reason(), refusal.retryAfter());
    }
}
