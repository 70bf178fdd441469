package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.gateway.conversations.ProjectedViews;
import dev.chat.gateway.wire.WireConversation;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the backbone tells this instance's sessions: each event of {@code chat.events.v1} to the sessions
 * of its participants (exactly, by log position), and each conversation view of
 * {@code chat.conversation-views.v1} as {@code conversationUpdated} with the reader's own counters.
 */
@Component
class EventDelivery {

    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);

    private final SessionRegistry sessions;
    private final PresenceBoard presence;
    private final ProjectedViews projectedViews;
    private final Counter deliveries;
    private final KafkaTraces traces;

    EventDelivery(SessionRegistry sessions, PresenceBoard presence, ProjectedViews projectedViews, MeterRegistry meters,
            KafkaTraces traces) {
        this.traces = traces;
        this.sessions = sessions;
        this.presence = presence;
        this.projectedViews = projectedViews;
        this.deliveries = Counter.builder("chat.deliveries").description("events of the log offered to a local session")
                .register(meters);
    }

    /** A record of {@code chat.events.v1}. */
    void onEvent(ConsumerRecord<String, byte[]> record) {
        if (!sessions.concernsLocalSessions(record.key())) {
            return;
        }
        ChatEvent event = decode(record);
        if (event == null) {
            return;
        }
        // The end of the send's trace: one span for this event's delivery to the sessions here.
        traces.inSpan("chat.deliver", record.headers(), () -> {
            deliver(record, event);
            return null;
        });
    }

    private void deliver(ConsumerRecord<String, byte[]> record, ChatEvent event) {
        LoggedEvent logged = null;
        for (String participant : EventFrames.audience(event)) {
            for (Session session : sessions.sessionsOf(participant)) {
                if (logged == null) {
                    logged = new LoggedEvent(record.partition(), record.offset(), event);
                }
                session.offer(logged);
                deliveries.increment();
            }
        }
        // New contacts see each other's presence: who writes (or creates a group) shares theirs with the members.
        if (logged != null) {
            presence.learnFrom(event);
        }
    }

    /**
     * A record of {@code chat.conversation-views.v1}: projection-service applied events to a conversation's
     * read model. Tells the local participants their new counters, and releases answers waiting to be readable.
     */
    void onView(ConsumerRecord<String, byte[]> record) {
        // The record's id says its version: enough for waiting answers, without decoding it.
        CloudEventCodec.viewVersion(record).ifPresent(version -> projectedViews.seen(record.key(), version));
        if (!sessions.concernsLocalSessions(record.key())) {
            return;
        }
        ConversationView view = CloudEventCodec.decode(record, ConversationView.class).data();
        for (String participant : view.participants()) {
            Set<Session> local = sessions.sessionsOf(participant);
            if (local.isEmpty()) {
                continue;
            }
            Frame frame = Frames.conversationUpdated(view.conversationId(),
                    WireConversation.LastMessage.of(view.lastMessageFor(participant)), view.unreadOf(participant),
                    view.version());
            local.forEach(s -> s.pushConversationUpdate(view.conversationId(), view.version(), frame));
        }
    }

    /**
     * A record of {@code chat.deliveries.v1}: each local member's devices hear of the furthest delivery in it to
     * someone else (their own messages up to that version reached a device), one frame per member and record.
     */
    void onDelivered(ConsumerRecord<String, byte[]> record) {
        if (!sessions.concernsLocalSessions(record.key())) {
            return;
        }
        MessagesDelivered delivered = CloudEventCodec.decode(record, MessagesDelivered.class).data();
        for (String participant : delivered.participants()) {
            Set<Session> local = sessions.sessionsOf(participant);
            if (local.isEmpty()) {
                continue;
            }
            delivered.deliveries().stream()
                    .filter(delivery -> !delivery.userId().equals(participant))
                    .max(Comparator.comparingLong(MessagesDelivered.Delivery::upToVersion))
                    .map(delivery -> Frames.delivered(delivered.conversationId(), delivery))
                    .ifPresent(frame -> local.forEach(session -> session.push(frame)));
        }
    }

    /** An event of the log, or null (logged) if it cannot be read: the gateway delivers, the owner dead-letters. */
    static ChatEvent decode(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventCodec.decode(record, ChatEvent.class).data();
        } catch (RuntimeException e) {
            log.warn("Not delivering undecodable event {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }
}
