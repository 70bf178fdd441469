package dev.chat.contracts;

/** A record that cannot be turned into a contract type. It will never decode: dead-letter it, do not retry. */
public class UndecodableRecordException extends RuntimeException {

    public UndecodableRecordException(String message) {
        super(message);
    }

    public UndecodableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
