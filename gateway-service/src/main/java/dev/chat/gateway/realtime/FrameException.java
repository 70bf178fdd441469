package dev.chat.gateway.realtime;

/** A client request that cannot be served; becomes an error frame, never closes the socket. */
class FrameException extends RuntimeException {

    FrameException(String message) {
        super(message);
    }
}
