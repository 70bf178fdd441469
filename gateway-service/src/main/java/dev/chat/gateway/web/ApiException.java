package dev.chat.gateway.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** An error the client should see as {@code {success:false, message}} with this status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String message) {
        this(status, message, null);
    }

    /** @param retryAfter when the same request may succeed ({@code Retry-After}); null if not said */
    public ApiException(HttpStatus status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
