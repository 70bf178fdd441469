package dev.chat.message.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When decision threads died lately. One death is a command Kafka refused (it is dead-lettered when read
 * again) or a passing fault; {@link #DEATHS} within {@link #WINDOW} means the process is stuck on something a
 * replacement thread cannot get past.
 */
final class StreamThreadDeaths {

    static final int DEATHS = 3;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private String lastFailure = "";

    StreamThreadDeaths(Clock clock) {
        this.clock = clock;
    }

    synchronized void died(Throwable failure) {
        recent.addLast(clock.instant());
        lastFailure = String.valueOf(failure);
        forgetOld();
    }

    synchronized boolean keepDying() {
        forgetOld();
        return recent.size() >= DEATHS;
    }

    synchronized String describe() {
        return recent.size() + " decision threads died within " + WINDOW.toMinutes() + " minutes; the last: " + lastFailure;
    }

    private void forgetOld() {
        Instant oldest = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(oldest)) {
            recent.removeFirst();
        }
        while (recent.size() > DEATHS) {
            recent.removeFirst();
        }
    }
}
