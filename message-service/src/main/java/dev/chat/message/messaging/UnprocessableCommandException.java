package dev.chat.message.messaging;

/** A command whose step would write what Kafka refuses, or whose records Kafka already refused once. */
final class UnprocessableCommandException extends RuntimeException {

    UnprocessableCommandException(String reason) {
        super(reason);
    }
}
