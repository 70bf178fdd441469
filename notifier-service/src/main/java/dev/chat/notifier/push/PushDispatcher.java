package dev.chat.notifier.push;

import dev.chat.notifier.people.PushSubscription;
import dev.chat.notifier.people.PushSubscriptions;

import dev.chat.notifier.NotifierProperties;
import dev.chat.notifier.pending.PendingStore;
import dev.chat.notifier.pending.PushesDue;
import dev.chat.notifier.people.ActivityBoard;
import dev.chat.notifier.people.ConversationNames;
import dev.chat.notifier.people.PreferencesStore;
import dev.chat.notifier.people.Profiles;
import dev.chat.notifier.rules.NotificationRules;
import dev.chat.notifier.rules.Pending;
import dev.chat.notifier.rules.PushDecision;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the pushes that are due, on any instance: claims each (its due time becomes a lease), asks the rules
 * with the newest state, preferences and activity, and sends one message per subscription of the user. A
 * subscription the push service calls gone (404/410) is deleted; a failure that may pass (no answer, 429, 5xx)
 * makes the push due again a minute later (the same topic: the device shows one notification) — unless another
 * of the user's devices took it: the user has been told, and a retry would alert that device again.
 */
class PushDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration RETRY = Duration.ofMinutes(1);
    private static final int PER_ROUND = 100;
    /**
     * Pushes of a round sent side by side: each waits on the store and on a push service far more than it computes,
     * so one after another the last of a burst would wait for all the others.
     */
    private static final int SENDING_AT_ONCE = 8;

    private final PendingStore pending;
    private final PreferencesStore preferences;
    private final PushSubscriptions subscriptions;
    private final ActivityBoard activity;
    private final Profiles profiles;
    private final ConversationNames conversations;
    private final NotificationRules rules;
    private final PushSender sender;
    private final NotifierProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer dueToSent;
    private final KafkaTraces traces;
    /** Wakes the dispatcher when a push this instance stored is due (see {@link PushesDue}). */
    private final java.util.concurrent.ScheduledExecutorService alarm =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "notifier-push-alarm");
                t.setDaemon(true);
                return t;
            });
    /** Pushes falling due within one slot share a round. */
    private static final long ALARM_SLOT = 50;
    /** The slots (epoch millis) with an alarm set. */
    private final java.util.Set<Long> alarms = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ExecutorService sending = java.util.concurrent.Executors.newFixedThreadPool(
            SENDING_AT_ONCE, new java.util.concurrent.ThreadFactory() {
                private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "notifier-push-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });

    PushDispatcher(PendingStore pending, PreferencesStore preferences, PushSubscriptions subscriptions,
            ActivityBoard activity, Profiles profiles, ConversationNames conversations, NotificationRules rules,
            PushSender sender, NotifierProperties properties, Clock clock, MeterRegistry meters, KafkaTraces traces) {
        this.traces = traces;
        this.pending = pending;
        this.preferences = preferences;
        this.subscriptions = subscriptions;
        this.activity = activity;
        this.profiles = profiles;
        this.conversations = conversations;
        this.rules = rules;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.dueToSent = Timer.builder("chat.notify.due.to.sent").tag("channel", "push")
                .description("from a notification's due time to its being sent").publishPercentileHistogram()
                .register(meters);
    }

    /**
     * Pushes due at {@code due.times()}: a round at each of those moments (to the next {@link #ALARM_SLOT}; one
     * alarm per slot), so none waits for the next scheduled round.
     */
    @org.springframework.context.event.EventListener
    void on(dev.chat.notifier.pending.PushesDue due) {
        long now = clock.millis();
        for (Instant at : due.times()) {
            long slot = Math.floorDiv(at.toEpochMilli() + ALARM_SLOT - 1, ALARM_SLOT) * ALARM_SLOT;
            if (alarms.add(slot)) {
                alarm.schedule(() -> {
                    alarms.remove(slot);
                    dispatchDue();
                }, Math.max(0, slot - now), java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * One round (from the schedule or an alarm; one at a time): every push due now, each claimed then sent, up to
     * {@link #SENDING_AT_ONCE} at a time; the round ends when all are.
     */
    synchronized void dispatchDue() {
        Instant now = clock.instant();
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (PendingStore.Stored due : pending.pushesDue(now, PER_ROUND)) {
            sent.add(sending.submit(() -> {
                if (pending.claimPush(due, now.plus(LEASE))) {
                    try {
                        // A span continuing the trace of the newest message's send, when that one was sampled.
                        traces.inSpan("chat.notify.push", due.pending().traceparent(), () -> {
                            attempt(due.pending(), due.pending().pushDueAt());
                            return null;
                        });
                    } catch (RuntimeException e) {
                        log.warn("Could not push to {} in {}: {}", due.pending().userId(),
                                due.pending().conversationId(), e.toString());
                    }
                }
            }));
        }
        for (java.util.concurrent.Future<?> push : sent) {
            try {
                push.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("A push failed: {}", e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void attempt(Pending state, Instant dueAt) {
        Instant now = clock.instant();
        String user = state.userId();
        boolean active = activity.active(user, now, properties.activeWindow());
        PushDecision decision = rules.push(state, preferences.of(user), active, now);
        List<PushSubscription> devices = subscriptions.of(user);
        if (!(decision instanceof PushDecision.Send send) || devices.isEmpty()) {
            pending.update(user, state.conversationId(), p -> rules.pushNotNeeded(p, now));
            outcome(decision instanceof PushDecision.Skip skip ? "skipped-" + skip.reason().replace(' ', '-')
                    : "no-subscription");
            return;
        }
        PushDecision.PushNotice notice = send.notice();
        var names = profiles.of(List.of(notice.senderId()));
        String groupName = notice.group() ? conversations.of(List.of(notice.conversationId())).values().stream()
                .map(v -> v.name()).findFirst().orElse(null) : null;
        String payload = PushPayload.of(notice, Profiles.displayName(names, notice.senderId()), groupName,
                properties.pushContent() == NotifierProperties.PushContent.FULL);
        int accepted = 0;
        int failed = 0;
        for (PushSubscription device : devices) {
            int status = sender.send(device, payload, notice.conversationId(), !notice.group());
            if (status == 404 || status == 410) {
                subscriptions.expired(device);
                outcome("expired");
            } else if (status >= 200 && status < 300) {
                accepted++;
                outcome("sent");
            } else {
                failed++;
                outcome("failed");
            }
        }
        // Again later only if no device has it: a retry goes to every device, and one that took it would
        // alert again (the service worker renotifies) every minute while another's push service fails.
        boolean retry = failed > 0 && accepted == 0;
        long version = state.newestVersion();
        if (retry) {
            Instant again = now.plus(RETRY);
            pending.update(user, state.conversationId(), p -> p.pushAt(again));
            // Woken then, like a push the listener stored: a retry does not wait for the next round either.
            on(new PushesDue(new TreeSet<>(List.of(again))));
        } else {
            pending.update(user, state.conversationId(), p -> rules.afterPush(p, version, now));
        }
        dueToSent.record(Duration.between(dueAt, clock.instant()).abs());
    }

    private void outcome(String outcome) {
        Counter.builder("chat.notify.notifications").tag("channel", "push").tag("outcome", outcome)
                .description("notifications by channel and outcome").register(meters).increment();
    }
}
