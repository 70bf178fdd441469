package dev.chat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * When each message of a run is due, in nanoseconds from the run's start: during the warm-up at a rate
 * rising linearly from {@code warmupFrom} to {@code rate} (a cold JVM compiles its hot paths on the way up
 * instead of building a backlog it then has to drain), then at {@code rate} through the measured window.
 * Plain arithmetic; only {@link #waitUntil} touches the clock.
 *
 * @param due         each message's due time, ascending
 * @param warmupCount how many of them belong to the warm-up
 */
record Timetable(long[] due, int warmupCount) {

    /** {@code warmupFrom} 0 (or at least {@code rate}) means the warm-up runs at {@code rate} throughout. */
    static Timetable of(Duration warmup, int warmupFrom, Duration window, int rate) {
        double warmupSeconds = warmup.toNanos() / 1e9;
        double from = warmupFrom == 0 ? rate : Math.min(warmupFrom, rate);
        List<Long> warming = new ArrayList<>();
        for (double t = 0; t < warmupSeconds; t += 1 / (from + (rate - from) * t / warmupSeconds)) {
            warming.add(Math.round(t * 1e9));
        }
        int measured = (int) (window.toMillis() * rate / 1000);
        long[] due = new long[warming.size() + measured];
        for (int k = 0; k < warming.size(); k++) {
            due[k] = warming.get(k);
        }
        for (int j = 0; j < measured; j++) {
            due[warming.size() + j] = warmup.toNanos() + Math.round(j * 1e9 / rate);
        }
        return new Timetable(due, warming.size());
    }

    /** Parks until the given {@link System#nanoTime()}. */
    static void waitUntil(long nanos) {
        long now;
        while ((now = System.nanoTime()) < nanos) {
            LockSupport.parkNanos(nanos - now);
        }
    }
}
