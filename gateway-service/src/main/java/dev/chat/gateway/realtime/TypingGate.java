package dev.chat.gateway.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which typing indications a gateway publishes, per user and conversation: a change of state at most
 * once per {@code minInterval} (a burst of typing/stopTyping is coalesced into its latest state, published
 * when the interval is over — never lost), and a repeated "typing" only as a refresh every
 * {@code refreshInterval}, so receivers' indicators do not lapse. Pure and not thread-safe: the owner
 * serialises calls.
 */
final class TypingGate {

    /** An indication to publish. */
    record Publication(String conversationId, String userId, boolean typing) {
    }

    private final Duration minInterval;
    private final Duration refreshInterval;
    private final Map<Key, Entry> entries = new HashMap<>();

    private record Key(String conversationId, String userId) {
    }

    private static final class Entry {
        boolean published;
        Instant publishedAt;
        Boolean held;
    }

    TypingGate(Duration minInterval, Duration refreshInterval) {
        this.minInterval = minInterval;
        this.refreshInterval = refreshInterval;
    }

    /** The user says they are (or stopped) typing: true to publish it now; otherwise it is held or redundant. */
    boolean offer(String conversationId, String userId, boolean typing, Instant now) {
        Key key = new Key(conversationId, userId);
        Entry entry = entries.get(key);
        if (entry == null) {
            entry = new Entry();
            entries.put(key, entry);
            return publish(entry, typing, now);
        }
        boolean intervalOver = !now.isBefore(entry.publishedAt.plus(minInterval));
        if (typing == entry.published) {
            entry.held = null;
            boolean refreshDue = typing && !now.isBefore(entry.publishedAt.plus(refreshInterval));
            return refreshDue && publish(entry, true, now);
        }
        if (intervalOver) {
            return publish(entry, typing, now);
        }
        entry.held = typing;
        return false;
    }

    /**
     * Held states whose interval is over, to publish now; forgets users who stopped typing long enough ago
     * that nothing about them is left to coalesce.
     */
    List<Publication> due(Instant now) {
        List<Publication> due = new ArrayList<>();
        entries.entrySet().removeIf(e -> {
            Entry entry = e.getValue();
            if (entry.held != null && !now.isBefore(entry.publishedAt.plus(minInterval))) {
                boolean typing = entry.held;
                publish(entry, typing, now);
                due.add(new Publication(e.getKey().conversationId(), e.getKey().userId(), typing));
            }
            return entry.held == null && !entry.published && !now.isBefore(entry.publishedAt.plus(refreshInterval));
        });
        return due;
    }

    private static boolean publish(Entry entry, boolean typing, Instant now) {
        entry.published = typing;
        entry.publishedAt = now;
        entry.held = null;
        return true;
    }
}
