package dev.chat.notifier.api;

import dev.chat.notifier.people.SettingsChanges;
import java.time.Duration;
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
        return answer(status, work, Duration.ZERO);
    }

    /**
     * A change of notification settings: answered once every notifier instance will see it before its next batch
     * ({@link SettingsChanges#LOOK_EVERY} after it was made), so anything that happens after the answer is
     * notified by the new settings, whichever instance handles it.
     */
    public static Mono<ResponseEntity<Map<String, Object>>> change(HttpStatus status, Callable<Map<String, Object>> work) {
        return answer(status, work, SettingsChanges.LOOK_EVERY);
    }

    private static Mono<ResponseEntity<Map<String, Object>>> answer(HttpStatus status, Callable<Map<String, Object>> work,
            Duration settle) {
        Mono<Map<String, Object>> done = Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
        return (settle.isZero() ? done : done.delayElement(settle))
                .map(body -> ResponseEntity.status(status).body(body))
                .onErrorResume(Invalid.class, e -> Mono.just(ResponseEntity.badRequest()
                        .body(Map.of("success", false, "message", e.getMessage()))))
                .onErrorResume(NotFound.class, e -> Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(Map.of("success", false, "message", e.getMessage()))));
    }
}
