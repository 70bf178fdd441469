package dev.chat.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, from the time a message was <em>scheduled</em> to be sent (not when it
 * actually went out), so a stalled system cannot hide its stall: no coordinated omission.
 */
public final class Latencies {

    /** Percentiles in milliseconds. */
    public record Summary(long count, double p50, double p90, double p99, double p999, double max) {

        String text() {
            return count == 0 ? "none" : "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s".formatted(
                    ms(p50), ms(p90), ms(p99), ms(p999), ms(max));
        }

        static String ms(double millis) {
            return millis >= 1000 ? "%.2f s".formatted(millis / 1000) : "%.1f ms".formatted(millis);
        }
    }

    private final Histogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);

    void record(long scheduledNanos, long arrivedNanos) {
        long micros = Math.max(0, (arrivedNanos - scheduledNanos) / 1000);
        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }

    /** The histogram, compressed and in base64, for another process to add to its own. */
    String encoded() {
        Histogram h = histogram.copy();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** Adds what another process measured ({@link #encoded()}). */
    void add(String encoded) {
        try {
            histogram.add(Histogram.decodeFromCompressedByteBuffer(
                    java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(encoded)), 0));
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }

    Summary summary() {
        Histogram h = histogram.copy();
        return new Summary(h.getTotalCount(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
                h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
