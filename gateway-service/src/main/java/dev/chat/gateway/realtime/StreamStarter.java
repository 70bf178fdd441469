package dev.chat.gateway.realtime;

import dev.chat.gateway.GatewayProperties;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Starts a session's stream: from its cursor if one is given and still reachable (replaying exactly what
 * was missed), else from now. Live events arriving meanwhile wait in the session and follow without gap
 * or duplicate. Ends with a {@code ready} frame carrying the cursor.
 */
@Component
class StreamStarter {

    private final RealtimeFeeds feeds;
    private final PresenceBoard presence;
    private final long resumeMaxRecords;
    private final Semaphore resumes;

    StreamStarter(RealtimeFeeds feeds, PresenceBoard presence, GatewayProperties properties) {
        this.feeds = feeds;
        this.presence = presence;
        this.resumeMaxRecords = properties.realtime().resumeMaxRecords();
        this.resumes = new Semaphore(properties.realtime().resumeConcurrency());
    }

    Mono<Void> start(Session session, String cursor) {
        if (!feeds.isRunning()) {
            // The web server accepts connections a moment before the feeds run (readiness is DOWN meanwhile).
            return Mono.error(new FrameException("the gateway is starting; reconnect shortly"));
        }
        return Mono.<Void>fromRunnable(() -> startBlocking(session, cursor))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromRunnable(() -> presence.introduce(session)));
    }

    private void startBlocking(Session session, String cursorText) {
        synchronized (session) {
            if (session.isStarted()) {
                throw new FrameException("the stream has already started; reconnect with a cursor to resume");
            }
            session.beginCatchUp(Map.of());
        }
        EventLog log = feeds.eventLog();
        Map<Integer, Long> end = log.end();
        ResumePlan plan = ResumePlan.of(cursorText, log::beginning, end, resumeMaxRecords);
        int[] replayed = {0};
        if (plan.replays()) {
            session.beginCatchUp(plan.replayFrom());
            resumes.acquireUninterruptibly();
            try {
                log.scan(plan.replayFrom(), end, record -> {
                    var event = EventDelivery.decode(record);
                    if (event != null && ChangeFrames.audience(event).contains(session.userId())
                            && session.replay(new LoggedEvent(record.partition(), record.offset(), event))) {
                        replayed[0]++;
                    }
                });
            } finally {
                resumes.release();
            }
        } else {
            session.beginCatchUp(end);
        }
        Frame reload = plan.reloadReason() == null ? null : Frames.reload(plan.reloadReason());
        session.finishCatchUp(end, reload, replayed[0]);
    }
}
