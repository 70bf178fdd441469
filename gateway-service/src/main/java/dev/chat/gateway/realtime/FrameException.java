package dev.chat.gateway.realtime;

import dev.chat.gateway.commands.Refusal;

/** A client request that cannot be served; becomes an error frame, never closes the socket. */
class FrameException extends RuntimeException {

    /** Over a budget: in how many seconds the same request will be taken; null otherwise. */
    private final Long retryAfterSeconds;

    FrameException(String message) {
        this(message, null);
    }

    private FrameException(String message, Long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal as an error frame: its reason, and when to try again if it says. */
    static FrameException of(Refusal refusal) {
        return new FrameException(refusal.reason(), refusal.retryAfter() == null ? null : refusal.retryAfter().toSeconds());
    }

    /** A socket answer's refusal as an error: its reason, and when to try again if it says. */
    static FrameException of(SocketAnswer.Refused refused) {
        return new FrameException(refused.reason(), refused.retryAfterSeconds());
    }

    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
