package dev.chat.notifier.pending;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.UndecodableRecordException;
import dev.chat.contracts.ContractType;
import dev.chat.notifier.people.Profiles;
import dev.chat.notifier.people.Reachability;
import dev.chat.notifier.rules.NotificationRules;
import dev.chat.notifier.rules.Pending;
import dev.chat.notifier.rules.Preferences;
import dev.chat.notifier.rules.Recipient;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.tracing.Span;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Folds chat.events.v1 (committed records only) into each reachable user's pending state, a poll at a time:
 * the users an event touches, those of them who can be reached (from memory, {@link Reachability}), their
 * states in one query, the rules, then one bulk write of compare-and-set writes. The event's version is written
 * with the state it changed, so a replay (after a crash, or from offset 0) applies nothing twice; offsets are
 * committed after the writes. Users who can be reached by no channel are skipped without a query; records of a
 * type that touches no one ({@link NotificationRules#reads}) are not decoded.
 */
@Component
class EventListener {

    static final String ID = "notifier-events";

    private final NotificationRules rules;
    private final PendingStore store;
    private final Reachability reachability;
    private final Profiles profiles;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final Clock clock;
    private final KafkaTraces traces;
    private final org.springframework.context.ApplicationEventPublisher publisher;

    EventListener(NotificationRules rules, PendingStore store, Reachability reachability, Profiles profiles,
            DeadLetterPublishingRecoverer deadLetters, Clock clock, KafkaTraces traces,
            org.springframework.context.ApplicationEventPublisher publisher) {
        this.publisher = publisher;
        this.traces = traces;
        this.rules = rules;
        this.store = store;
        this.reachability = reachability;
        this.profiles = profiles;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @KafkaListener(id = ID, topics = "#{T(dev.chat.contracts.Topics).EVENTS.name()}", batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<ChatEvent> events = new ArrayList<>(records.size());
        // A span per event of a sampled trace, over the batch's fold and writes: the trace goes on from the send.
        List<Span> spans = new ArrayList<>();
        // And each sampled send's trace kept with its message: its notification, sent later, continues it.
        Map<String, String> traceparents = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = CloudEventCodec.header(record.headers(), CloudEventCodec.TYPE);
            if (type != null && ContractType.ofTypeName(type).filter(t -> !NotificationRules.reads(t)).isPresent()) {
                continue;
            }
            Span span = traces.start("chat.notify.fold", record.headers());
            if (span != null) {
                spans.add(span);
            }
            try {
                ChatEvent event = CloudEventCodec.decode(record, ChatEvent.class).data();
                events.add(event);
                String traceparent = span == null ? null : KafkaTraces.sampledTraceparent(record.headers());
                if (traceparent != null && event instanceof MessageSent sent) {
                    traceparents.put(sent.messageId(), traceparent);
                }
            } catch (UndecodableRecordException e) {
                deadLetters.accept(record, e);
            }
        }
        try {
            apply(events, traceparents);
        } finally {
            spans.forEach(Span::end);
        }
    }

    void apply(List<ChatEvent> events) {
        apply(events, Map.of());
    }

    private void apply(List<ChatEvent> events, Map<String, String> traceparents) {
        Set<String> touched = new LinkedHashSet<>();
        events.forEach(e -> touched.addAll(NotificationRules.touched(e)));
        if (touched.isEmpty()) {
            return;
        }
        // Reachable: an email address, or a device subscribed to pushes.
        Map<String, Preferences> reachable = reachability.among(touched);
        if (reachable.isEmpty()) {
            return;
        }
        Map<String, UserProfileView> names = profiles.of(reachable.keySet());
        Instant now = clock.instant();
        // Each state's events in order: a conflicting write is retried on the stored state with the same events.
        Map<String, List<ChatEvent>> byState = new LinkedHashMap<>();
        for (ChatEvent event : events) {
            for (String user : NotificationRules.touched(event)) {
                if (reachable.containsKey(user)) {
                    byState.computeIfAbsent(PendingDocuments.id(user, event.conversationId()), id -> new ArrayList<>())
                            .add(event);
                }
            }
        }
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        byState.keySet().forEach(id -> {
            String user = id.substring(0, id.indexOf(' '));
            recipients.put(id, new Recipient(user, Profiles.username(names, user), reachable.get(user)));
        });
        // Fold every state, write them all at once; the few another writer changed meanwhile are folded again.
        java.util.Set<String> todo = byState.keySet();
        for (int round = 0; !todo.isEmpty(); round++) {
            Map<String, PendingStore.Stored> stored = store.load(todo);
            List<PendingStore.Write> writes = new ArrayList<>();
            for (String id : todo) {
                List<ChatEvent> stateEvents = byState.get(id);
                PendingStore.Stored current = stored.get(id);
                Recipient recipient = recipients.get(id);
                Pending before = current != null ? current.pending()
                        : Pending.empty(recipient.userId(), stateEvents.get(0).conversationId(),
                                Ids.isGroupId(stateEvents.get(0).conversationId()));
                Pending after = before;
                for (ChatEvent event : stateEvents) {
                    after = rules.apply(after, event, recipient, now);
                }
                after = after.traced(traceparents);
                boolean nothingToKeep = current == null && after.unread() == 0 && !after.due();
                if (!after.equals(before) && !nothingToKeep) {
                    writes.add(new PendingStore.Write(after, current == null ? 0 : current.revision()));
                }
            }
            todo = store.writeAll(writes);
            java.util.SortedSet<Instant> due = writes.stream().map(w -> w.pending().pushDueAt())
                    .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
            if (!due.isEmpty()) {
                publisher.publishEvent(new PushesDue(due));
            }
            if (round > 100) {
                throw new IllegalStateException("states kept changing under the listener: " + todo);
            }
        }
    }
}
