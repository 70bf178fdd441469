package dev.chat.examples.analytics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Durations in seconds, counted in buckets of two significant digits (1 s steps below 100 s, then 10 s, 100 s …),
 * so a day of reads is a few hundred numbers and the median is within 5 % of the exact one.
 *
 * @param counts bucket (its lower bound, in seconds) to how many durations fell in it
 */
record Histogram(TreeMap<Long, Long> counts) {

    static Histogram empty() {
        return new Histogram(new TreeMap<>());
    }

    Histogram add(long seconds) {
        TreeMap<Long, Long> next = new TreeMap<>(counts);
        next.merge(bucket(Math.max(0, seconds)), 1L, Long::sum);
        return new Histogram(next);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The bucket of the middle duration (the lower middle one of an even count); 0 when there is none. */
    long medianSeconds() {
        long middle = (total() + 1) / 2;
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : counts.entrySet()) {
            seen += bucket.getValue();
            if (seen >= middle) {
                return bucket.getKey();
            }
        }
        return 0;
    }

    static long bucket(long seconds) {
        long scale = 1;
        while (seconds / scale >= 100) {
            scale *= 10;
        }
        return seconds / scale * scale;
    }
}
