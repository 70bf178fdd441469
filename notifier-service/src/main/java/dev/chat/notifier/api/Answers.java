package dev.chat.notifier.api;

import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * How the notifier's HTTP APIs answer: the (blocking) work off the event loop, {@code {success, …}} with the given
 * status; {@link Invalid} is a 400 and {@link NotFound} a 404, each with its plain reason.
 */
public final class Answers {

    /** A request that cannot be applied; nothing was changed. */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message, null, false, false);
        }
    }

    private Answers() {
    }

    public static Mono<ResponseEntity<Map<String, Object>>> answer(HttpStatus status, Callable<Map<String, Object>> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic())
                .map(body -> ResponseEntity.status(status).body(body))
                .onErrorResume(Invalid.class, e -> Mono.just(ResponseEntity.badRequest()
                        .body(Map.of("success", false, "message", e.getMessage()))))
                .onErrorResume(NotFound.class, e -> Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Map.of("success", false, "message", e.getMessage()))));
    }
}
