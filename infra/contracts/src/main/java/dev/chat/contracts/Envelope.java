package dev.chat.contracts;

import java.time.Instant;

/** A decoded CloudEvent: its context attributes and its typed data. */
public record Envelope<T>(String id, ContractType type, String source, String subject, Instant time, T data) {
}
