package dev.chat.gateway.conversations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * How far projection-service's read model has got, per conversation, as announced on
 * chat.conversation-views.v1. A command's answer can wait here until its effect is visible to queries
 * (read your own writes) without asking Mongo: the view topic says when.
 */
@Component
public class ProjectedViews {

    /** Recent conversations' versions: enough to answer waits that start after their view arrived. */
    private static final int REMEMBERED = 100_000;

    private record Waiter(long version, Sinks.Empty<Void> done) {
    }

    private final Map<String, Long> versions = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<String, List<Waiter>> waiting = new HashMap<>();
    /** Views seen so far, of any conversation: the projection's progress. */
    private long progress;
    private final List<Sinks.Empty<Void>> waitingForProgress = new ArrayList<>();

    /** The projection published the view of this conversation at this version. */
    public void seen(String conversationId, long version) {
        List<Waiter> ready = new ArrayList<>();
        List<Sinks.Empty<Void>> progressed = List.of();
        synchronized (this) {
            progress++;
            if (!waitingForProgress.isEmpty()) {
                progressed = new ArrayList<>(waitingForProgress);
                waitingForProgress.clear();
            }
            versions.merge(conversationId, version, Math::max);
            List<Waiter> waiters = waiting.get(conversationId);
            if (waiters != null) {
                for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                    Waiter waiter = it.next();
                    if (waiter.version() <= version) {
                        ready.add(waiter);
                        it.remove();
                    }
                }
                if (waiters.isEmpty()) {
                    waiting.remove(conversationId);
                }
            }
        }
        ready.forEach(waiter -> waiter.done().tryEmitEmpty());
        progressed.forEach(Sinks.Empty::tryEmitEmpty);
    }

    /** How many views have been seen so far: a mark to wait past ({@link #awaitProgressPast}). */
    public synchronized long progress() {
        return progress;
    }

    /**
     * Completes once a view of any conversation has been seen after {@code mark} was taken, or after {@code timeout};
     * {@link #progress()} then tells which. What the read models hold can only have changed if one was: the
     * projection publishes views after it wrote.
     */
    public Mono<Void> awaitProgressPast(long mark, Duration timeout) {
        Sinks.Empty<Void> done = Sinks.empty();
        synchronized (this) {
            if (progress > mark) {
                return Mono.empty();
            }
            waitingForProgress.add(done);
        }
        return done.asMono().timeout(timeout, Mono.empty()).doFinally(signal -> {
            synchronized (this) {
                waitingForProgress.remove(done);
            }
        });
    }

    /**
     * Completes once the read model of the conversation has reached {@code version}, or after
     * {@code timeout} if the projection is behind or down (the command itself is done either way).
     */
    public Mono<Void> awaitVersion(String conversationId, long version, Duration timeout) {
        Waiter waiter;
        synchronized (this) {
            Long known = versions.get(conversationId);
            if (known != null && known >= version) {
                return Mono.empty();
            }
            waiter = new Waiter(version, Sinks.empty());
            waiting.computeIfAbsent(conversationId, id -> new ArrayList<>()).add(waiter);
        }
        return waiter.done().asMono()
                .timeout(timeout, Mono.empty())
                .doFinally(signal -> forget(conversationId, waiter));
    }

    private synchronized void forget(String conversationId, Waiter waiter) {
        List<Waiter> waiters = waiting.get(conversationId);
        if (waiters != null && waiters.remove(waiter) && waiters.isEmpty()) {
            waiting.remove(conversationId);
        }
    }
}
