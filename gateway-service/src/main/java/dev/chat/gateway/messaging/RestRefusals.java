package dev.chat.gateway.messaging;

import dev.chat.gateway.web.ApiException;
import org.springframework.http.HttpStatus;

/** How REST says a {@link Refusal}: one status per code, the reason as the message. */
public final class RestRefusals {

    private RestRefusals() {
    }

    public static ApiException exception(Refusal refusal) {
        HttpStatus status = switch (refusal.code()) {
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case NOT_A_PARTICIPANT -> HttpStatus.FORBIDDEN;
            case UNKNOWN_CONVERSATION, UNKNOWN_MESSAGE -> HttpStatus.NOT_FOUND;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        return new ApiException(status, refusal.reason());
    }
}
