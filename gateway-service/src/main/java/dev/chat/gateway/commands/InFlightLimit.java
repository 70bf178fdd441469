package dev.chat.gateway.commands;

import java.time.Duration;

/**
 * How many commands a gateway lets wait for message-service's answers at once: a window that follows what the
 * pipeline keeps up with, as TCP's does. Answers are averaged per adjustment period and the averages smoothed
 * over about a second, so a hiccup of a few hundred milliseconds is absorbed while a pipeline that stays behind
 * is not. While the smoothed answer time is above the target the window shrinks by 5 % per period (halved in
 * about 1.4 s); while it is within the target the window grows — by 5 % per period when it is in use,
 * and also when it is not but answers are quick (under half the target: a window a cold start left small opens
 * again within seconds, before a rising load meets it). No answer within the send timeout halves it (at most
 * once a second). Between
 * {@code min} and {@code max}; a command over it is refused at once, so past capacity a send is told to retry
 * instead of joining a queue that grows into minutes. Plain code, time passed in.
 */
final class InFlightLimit {

    private static final double DECREASE = 0.95;
    private static final double INCREASE = 1.05;
    private static final long SILENCE_HALVES_EVERY = 1_000_000_000L;
    private static final double SMOOTHING = 0.2;
    private static final double IN_USE = 0.5;

    private final int min;
    private final int max;
    private final long targetNanos;
    private final long periodNanos;
    private double limit;
    private double smoothedNanos = -1;
    private long periodStart;
    private long halvedAt = Long.MIN_VALUE / 2;
    private long answeredInPeriod;
    private double waitedInPeriod;
    private int mostInFlight;

    /**
     * @param min    the least it shrinks to (some commands always go through)
     * @param max    the most it grows to: what a burst can queue before the answers slow down
     * @param target the answer time it aims to keep under (smoothed)
     * @param period how often the answers are averaged and the limit moves
     */
    InFlightLimit(int min, int max, Duration target, Duration period, long now) {
        this.min = min;
        this.max = max;
        this.targetNanos = target.toNanos();
        this.periodNanos = period.toNanos();
        this.limit = max;
        this.periodStart = now;
    }

    synchronized int limit() {
        return (int) limit;
    }

    /** The smoothed answer time, or -1 before the first answer. */
    synchronized long smoothedAnswerNanos() {
        return (long) smoothedNanos;
    }

    /** A command was let through with {@code inFlight} now waiting (its own place included). */
    synchronized void admitted(int inFlight) {
        mostInFlight = Math.max(mostInFlight, inFlight);
    }

    /** An answer came {@code waitedNanos} after its command was published. */
    synchronized void answered(long waitedNanos, long now) {
        answeredInPeriod++;
        waitedInPeriod += waitedNanos;
        if (now - periodStart < periodNanos) {
            return;
        }
        double average = waitedInPeriod / answeredInPeriod;
        smoothedNanos = smoothedNanos < 0 ? average : smoothedNanos + SMOOTHING * (average - smoothedNanos);
        if (smoothedNanos > targetNanos) {
            limit = Math.max(min, limit * DECREASE);
        } else if (mostInFlight >= limit * IN_USE || smoothedNanos < targetNanos / 2.0) {
            limit = Math.min(max, Math.max(limit + 1, limit * INCREASE));
        }
        startPeriod(now);
    }

    /** No answer within the send timeout: the pipeline is far behind (halved at most once a second). */
    synchronized void unanswered(long now) {
        if (now - halvedAt >= SILENCE_HALVES_EVERY) {
            limit = Math.max(min, limit / 2);
            halvedAt = now;
        }
    }

    private void startPeriod(long now) {
        periodStart = now;
        answeredInPeriod = 0;
        waitedInPeriod = 0;
        mostInFlight = 0;
    }
}
