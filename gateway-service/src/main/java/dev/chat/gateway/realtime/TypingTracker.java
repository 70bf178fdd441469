package dev.chat.gateway.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is typing where, with a time limit: an indication lapses {@code ttl} after its last refresh, so
 * a client that vanishes mid-sentence never leaves "typing…" behind. Only transitions produce frames:
 * a refresh while typing is silent. Not thread-safe: the owner serialises calls.
 */
final class TypingTracker {

    record Typist(String conversationId, String userId, List<String> participants) {
    }

    private final Duration ttl;
    private final Map<String, Entry> typing = new HashMap<>();

    private record Entry(Typist typist, Instant until) {
    }

    TypingTracker(Duration ttl) {
        this.ttl = ttl;
    }

    /** True if this starts an indication (show "typing…"), false if it only refreshes one. */
    boolean started(Typist typist, Instant now) {
        Entry previous = typing.put(key(typist), new Entry(typist, now.plus(ttl)));
        return previous == null;
    }

    /** True if the user was shown typing and no longer is. */
    boolean stopped(Typist typist) {
        return typing.remove(key(typist)) != null;
    }

    /** Indications not refreshed in time; they are removed. */
    List<Typist> expire(Instant now) {
        List<Typist> lapsed = new ArrayList<>();
        typing.values().removeIf(entry -> {
            boolean over = !entry.until().isAfter(now);
            if (over) {
                lapsed.add(entry.typist());
            }
            return over;
        });
        return lapsed;
    }

    private static String key(Typist typist) {
        return typist.conversationId() + "\u0000" + typist.userId();
    }
}
