package dev.chat.gateway.realtime;

import dev.chat.contracts.Topics;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.blocklist.BlockList;
import dev.chat.gateway.receipts.DeliveryReceipts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The real-time side's lifecycle: follows the event, typing, presence, block, delivery and view topics into
 * their features, runs the heartbeat, typing and delivery-receipt timers, and on shutdown drains every session: refuses new
 * connections and tells each client when to reconnect.
 * Ready once every feed has its partitions.
 */
@Component
class RealtimeFeeds implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RealtimeFeeds.class);
    /** Views drive counters and read-your-writes answers, not message delivery: fetched in batches. */
    private static final Duration VIEWS_BATCH_WAIT = Duration.ofMillis(10);

    private final ConsumerFactory<String, byte[]> consumers;
    private final SessionRegistry sessions;
    private final EventDelivery delivery;
    private final TypingRelay typing;
    private final PresenceBoard presence;
    private final BlockList blocks;
    private final DeliveryReceipts receipts;
    private final Admission admission;
    private final Duration heartbeatInterval;
    private final int resumeConcurrency;
    private final List<LiveFeed> feeds = new ArrayList<>();
    private ScheduledExecutorService timers;
    private volatile EventLog eventLog;
    private volatile boolean running;

    RealtimeFeeds(ConsumerFactory<String, byte[]> consumers, SessionRegistry sessions, EventDelivery delivery,
            TypingRelay typing, PresenceBoard presence, BlockList blocks, DeliveryReceipts receipts,
            Admission admission, GatewayProperties properties) {
        this.receipts = receipts;
        this.blocks = blocks;
        this.admission = admission;
        this.consumers = consumers;
        this.sessions = sessions;
        this.delivery = delivery;
        this.typing = typing;
        this.presence = presence;
        this.heartbeatInterval = properties.realtime().heartbeatInterval();
        this.resumeConcurrency = properties.realtime().resumeConcurrency();
    }

    /** Positions in and scans of the event log; available while running. */
    EventLog eventLog() {
        return eventLog;
    }

    @Override
    public void start() {
        admission.open();
        eventLog = new EventLog(consumers, resumeConcurrency);
        feeds.add(new LiveFeed(Topics.EVENTS.name(), false, consumers, delivery::onEvent)
                .trackingPositionsIn(eventLog::advance).start());
        feeds.add(new LiveFeed(Topics.TYPING.name(), false, consumers, typing::onTyping).start());
        feeds.add(new LiveFeed(Topics.PRESENCE.name(), true, consumers, presence::onPresence).start());
        feeds.add(new LiveFeed(Topics.BLOCKS.name(), true, consumers,
                record -> blocks.onRecord(record).ifPresent(presence::blockChanged)).start());
        feeds.add(new LiveFeed(Topics.DELIVERIES.name(), false, consumers, delivery::onDelivered).start());
        feeds.add(new LiveFeed(Topics.CONVERSATION_VIEWS.name(), false, consumers, delivery::onView)
                .batchingFor(VIEWS_BATCH_WAIT).start());
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "realtime-timers");
            thread.setDaemon(true);
            return thread;
        });
        long heartbeat = heartbeatInterval.toMillis();
        timers.scheduleWithFixedDelay(sessions::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(typing::expire, 250, 250, TimeUnit.MILLISECONDS);
        long receiptsEvery = receipts.interval().toMillis();
        if (receiptsEvery > 0) {
            timers.scheduleWithFixedDelay(receipts::flush, receiptsEvery, receiptsEvery, TimeUnit.MILLISECONDS);
        }
        running = true;
        log.info("Real-time feeds of {} started", sessions.gatewayId());
    }

    @Override
    public void stop() {
        running = false;
        // No new connections; every client is told to come back — elsewhere — after its own delay in the window.
        admission.drain();
        sessions.drainAll("the gateway is shutting down; connect again and resume from this cursor",
                () -> admission.reconnectDelay().toMillis());
        timers.shutdownNow();
        receipts.flush();
        feeds.forEach(LiveFeed::close);
        feeds.clear();
        eventLog.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the web server, and stops (closing sessions in order) before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    @Override
    public Health health() {
        boolean ready = running && feeds.stream().allMatch(LiveFeed::ready);
        return (ready ? Health.up() : Health.outOfService().withDetail("reason", "feeds not yet assigned"))
                .withDetail("gatewayId", sessions.gatewayId())
                .withDetail("sessions", sessions.count())
                .build();
    }
}
