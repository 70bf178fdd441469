package dev.chat.contracts;

import java.time.Instant;
import java.util.Optional;

/**
 * A member reports a message they can see to moderation, once: {@code reason} one of {@link ReportReason}'s wire
 * names, {@code note} their own words (at most {@link #MAX_NOTE} characters, may be null).
 */
public record ReportMessage(
        String commandId,
        String conversationId,
        String reporterId,
        String messageId,
        String reason,
        String note,
        Instant issuedAt) implements ChatCommand {

    public static final int MAX_NOTE = 1000;

    @Override
    public String issuedBy() {
        return reporterId;
    }

    /** What is wrong with a report's reason and note, the same at the gateway's door and in the decision. */
    public static Optional<String> problem(String reason, String note) {
        if (ReportReason.fromWire(reason).isEmpty()) {
            return Optional.of("reason must be one of " + ReportReason.wireNames());
        }
        String kept = noteOf(note);
        if (kept != null && kept.codePointCount(0, kept.length()) > MAX_NOTE) {
            return Optional.of("note is longer than " + MAX_NOTE + " characters");
        }
        if (kept != null && !(Text.isEncodable(kept) && Text.isWellFormed(kept))) {
            return Optional.of("note is not well-formed text");
        }
        return Optional.empty();
    }

    /** The note as kept: stripped, and null when there is nothing in it. */
    public static String noteOf(String note) {
        return note == null || note.isBlank() ? null : note.strip();
    }
}
