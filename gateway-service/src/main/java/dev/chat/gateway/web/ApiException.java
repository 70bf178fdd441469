package dev.chat.gateway.web;

import org.springframework.http.HttpStatus;

/** An error the client should see as {@code {success:false, message}} with this status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;

    public ApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
