package dev.chat.gateway.web;

import dev.chat.gateway.wire.JsonProblems;
import dev.chat.gateway.wire.RestBodies;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Every error leaves the API as {@code {success:false, message}}; bad input is a 4xx, never a 500. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static RestBodies.Failure body(String message) {
        return new RestBodies.Failure(message);
    }

    /** The body as bytes, for answers written below the controllers (security, the HTTP server). */
    public static byte[] json(String message) {
        return JSON.writeValueAsBytes(body(message));
    }

    /** Answers with {@code status} and the body, from below the controllers (filters, handshakes, security). */
    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String message) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(json(message))));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<RestBodies.Failure> api(ApiException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            answer.header("Retry-After", Long.toString(e.retryAfter().toSeconds()));
        }
        return answer.body(body(e.getMessage()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<RestBodies.Failure> input(ServerWebInputException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof DataBufferLimitException) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(body("request body is too large"));
        }
        String reason;
        if (e.getCause() instanceof DecodingException) {
            String problem = JsonProblems.describe(e);
            reason = problem == null ? "malformed JSON request body" : problem;
        } else {
            reason = plain(e.getReason());
        }
        log.debug("Bad request: {}", e.toString());
        return ResponseEntity.badRequest().body(body(reason));
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<RestBodies.Failure> tooLarge(DataBufferLimitException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(body("request body is too large"));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<RestBodies.Failure> status(ResponseStatusException e) {
        return ResponseEntity.status(e.getStatusCode()).body(body(e.getReason() == null
                ? HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase().toLowerCase(Locale.ROOT)
                : plain(e.getReason())));
    }

    /** A framework's reason, unless it names code (classes, methods, packages): then only what kind of error. */
    private static String plain(String reason) {
        if (reason == null || reason.contains("$") || reason.contains("dev.chat.") || reason.contains("java.")
                || reason.contains("(") || reason.contains("Exception")) {
            return "bad request";
        }
        return reason;
    }

    /** Kafka or Mongo unreachable: the request may succeed later, so say so. */
    @ExceptionHandler({org.apache.kafka.common.KafkaException.class, org.springframework.kafka.KafkaException.class,
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.dao.TransientDataAccessException.class})
    ResponseEntity<RestBodies.Failure> unavailable(Exception e) {
        log.warn("Backing service unavailable: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(body("temporarily unavailable, retry shortly"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<RestBodies.Failure> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(body("internal error"));
    }
}
