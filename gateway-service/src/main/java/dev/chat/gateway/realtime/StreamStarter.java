package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Starts a session's stream: from its cursor if one is given and still reachable (replaying exactly what
 * was missed), else from now. Live events arriving meanwhile wait in the session and follow without gap
 * or duplicate. Ends with a {@code ready} frame carrying the cursor.
 *
 * <p>From now is where the gateway's own live feed has got to ({@link EventLog#live()}, read after the session
 * began holding live records back): nothing to ask the broker, nothing to wait for — done on the caller's thread.
 * A resume reads the log from the cursor to there on a few threads of its own ({@code resume-concurrency}), so a
 * crowd of resumes after a gateway crash queues there and never takes the threads other work runs on.
 */
@Component
class StreamStarter {

    private final RealtimeFeeds feeds;
    private final PresenceBoard presence;
    private final long resumeMaxRecords;
    private final Scheduler resumes;

    StreamStarter(RealtimeFeeds feeds, PresenceBoard presence, GatewayProperties properties) {
        this.feeds = feeds;
        this.presence = presence;
        this.resumeMaxRecords = properties.realtime().resumeMaxRecords();
        int threads = properties.realtime().resumeConcurrency();
        this.resumes = Schedulers.newBoundedElastic(threads, 100_000, "resume", 60, true);
    }

    Mono<Void> start(Session session, String cursor) {
        EventLog log = feeds.eventLog();
        if (!feeds.isRunning() || log == null || !log.liveKnown()) {
            // The web server accepts connections a moment before the feeds run (readiness is DOWN meanwhile).
            return Mono.error(new FrameException("the gateway is starting; reconnect shortly"));
        }
        Mono<Void> started = cursor == null ? Mono.fromRunnable(() -> startFromNow(session, log))
                : Mono.<Void>fromRunnable(() -> resume(session, cursor, log)).subscribeOn(resumes);
        return started.then(Mono.fromRunnable(() -> presence.introduce(session)));
    }

    private static void beginOnce(Session session) {
        synchronized (session) {
            if (session.isStarted()) {
                throw new FrameException("the stream has already started; reconnect with a cursor to resume");
            }
            session.beginCatchUp(Map.of());
        }
    }

    private static void startFromNow(Session session, EventLog log) {
        beginOnce(session);
        Map<Integer, Long> now = log.live();
        session.beginCatchUp(now);
        session.finishCatchUp(now, null, 0);
    }

    private void resume(Session session, String cursorText, EventLog log) {
        beginOnce(session);
        Map<Integer, Long> end = endFor(cursorText, log);
        ResumePlan plan = ResumePlan.of(cursorText, log::beginning, end, resumeMaxRecords);
        int[] replayed = {0};
        if (plan.replays()) {
            session.beginCatchUp(plan.replayFrom());
            log.scan(plan.replayFrom(), end, record -> {
                var event = EventDelivery.decode(record);
                if (event != null && EventFrames.audience(event).contains(session.userId())
                        && session.replay(new LoggedEvent(record.partition(), record.offset(), event))) {
                    replayed[0]++;
                }
            });
            session.finishCatchUp(end, null, replayed[0]);
            return;
        }
        // Nothing to replay (the client reloads instead): live from where the feed is.
        Map<Integer, Long> now = log.live();
        session.beginCatchUp(now);
        session.finishCatchUp(now, plan.reloadReason() == null ? null : Frames.reload(plan.reloadReason()), 0);
    }

    /**
     * Where a resume replays up to: the live feed's position — unless the cursor is past it (it came from a
     * gateway further along): then, if the broker has the cursor's records, the cursor there (the client has
     * them; this feed hands over what follows), else the broker's end, so the plan tells the client to reload.
     */
    private static Map<Integer, Long> endFor(String cursorText, EventLog log) {
        Map<Integer, Long> live = log.live();
        Optional<Map<Integer, Long>> cursor = cursorText == null ? Optional.empty() : Cursor.decode(cursorText);
        if (cursor.isEmpty() || !cursor.get().keySet().equals(live.keySet())
                || cursor.get().entrySet().stream().allMatch(e -> e.getValue() <= live.get(e.getKey()))) {
            return live;
        }
        Map<Integer, Long> committed = log.end();
        if (cursor.get().entrySet().stream().anyMatch(e -> e.getValue() > committed.get(e.getKey()))) {
            return committed;
        }
        Map<Integer, Long> end = new TreeMap<>(live);
        cursor.get().forEach((partition, offset) -> end.merge(partition, offset, Math::max));
        return end;
    }

    @PreDestroy
    void stop() {
        resumes.dispose();
    }
}
