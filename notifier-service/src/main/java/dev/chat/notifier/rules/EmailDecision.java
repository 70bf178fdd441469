package dev.chat.notifier.rules;

import java.time.Instant;
import java.util.List;

/** What to do with a user's email that is due: send one for these conversations, wait, or none. */
public sealed interface EmailDecision {

    /** One email, grouped by conversation; the {@code pending} it covers are emailed afterwards. */
    record Send(String to, List<Pending> conversations) implements EmailDecision {
    }

    /** Not before {@code until} (the minimum interval, a snooze or quiet hours). */
    record Defer(Instant until) implements EmailDecision {
    }

    record Skip(String reason) implements EmailDecision {
    }
}
