package dev.chat.message.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** When a decision happens, the same way for every decider: the service's clock, to the millisecond. */
final class DecisionTime {

    private DecisionTime() {
    }

    /** Millisecond precision: what MongoDB stores and what every client language parses. */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
