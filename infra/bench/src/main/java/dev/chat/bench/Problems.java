package dev.chat.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A tally of what the platform said when it refused a send or answered with an error. */
final class Problems {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void note(String kind, Device.Inbound frame) {
        counts.computeIfAbsent(kind + ": " + (frame.detail() == null ? "(no detail)" : frame.detail()),
                key -> new LongAdder()).increment();
    }

    /** The most frequent explanations with their counts, most frequent first. */
    Map<String, Long> top(int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue().sum()));
        return top;
    }
}
