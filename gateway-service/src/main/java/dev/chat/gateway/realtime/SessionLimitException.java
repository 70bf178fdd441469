package dev.chat.gateway.realtime;

/** A user already holds as many sessions on this instance as allowed; the new one is refused. */
class SessionLimitException extends FrameException {

    SessionLimitException(int limit) {
        super("too many sessions: at most " + limit + " per user; close another one first");
    }
}
