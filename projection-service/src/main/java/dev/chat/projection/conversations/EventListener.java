package dev.chat.projection.conversations;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.UndecodableRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.tracing.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Feeds chat.events.v1 (committed records only) into the projector a poll at a time, then publishes the
 * touched conversations' views to chat.conversation-views.v1. Offsets are committed only after both, so
 * a crash repeats the batch: the projection skips what it applied, and a view is published again
 * (consumers keep the highest version). Undecodable events, and events the fold cannot apply, go to
 * the dead-letter topic; the batch goes on.
 */
@Component
class EventListener {

    static final String ID = "projection-events";

    private final ConversationProjector projector;
    private final KafkaTemplate<String, byte[]> kafka;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final Clock clock;
    private final CloudEventCodec codec;
    private final KafkaTraces traces;
    /** From the newest event of the last batch happening to its being applied (records behind: Kafka's lag). */
    private volatile long lagMillis;

    EventListener(ConversationProjector projector, KafkaTemplate<String, byte[]> kafka,
            DeadLetterPublishingRecoverer deadLetters, Clock clock, CloudEventCodec codec, MeterRegistry meters,
            KafkaTraces traces) {
        this.codec = codec;
        this.traces = traces;
        TimeGauge.builder("chat.projection.lag", this, TimeUnit.MILLISECONDS, listener -> listener.lagMillis)
                .description("from the newest event of the last batch happening to the read models showing it")
                .register(meters);
        this.projector = projector;
        this.kafka = kafka;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    // Consumers per instance: chat.projection.consumer-concurrency (EventConsumers).
    @KafkaListener(id = ID, topics = "#{T(dev.chat.contracts.Topics).EVENTS.name()}", batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<ChatEvent> events = new ArrayList<>(records.size());
        Map<ChatEvent, ConsumerRecord<String, byte[]>> origin = new IdentityHashMap<>();
        // A span per event of a sampled trace, over the batch write; a view carries its newest event's trace on.
        List<Span> spans = new ArrayList<>(records.size());
        Map<String, Span> newestSpan = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Span span = traces.start("chat.project", record.headers());
            if (span != null) {
                spans.add(span);
                newestSpan.put(record.key(), span);
            }
            try {
                ChatEvent event = CloudEventCodec.decode(record, ChatEvent.class).data();
                events.add(event);
                origin.put(event, record);
            } catch (UndecodableRecordException e) {
                if (span != null) {
                    span.error(e);
                }
                deadLetters.accept(record, e);
            }
        }
        try {
            ConversationProjector.Result result = projector.project(events);
            result.failures().forEach(failure -> deadLetters.accept(origin.get(failure.event()), failure.reason()));
            List<CompletableFuture<?>> published = new ArrayList<>();
            for (ConversationView view : result.views()) {
                ProducerRecord<String, byte[]> record = codec.view(view, clock.instant());
                Span span = newestSpan.get(view.conversationId());
                if (span != null) {
                    traces.inject(span, record.headers());
                }
                published.add(kafka.send(record));
            }
            CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).join();
        } finally {
            spans.forEach(Span::end);
        }
        events.stream().map(ChatEvent::occurredAt).max(Instant::compareTo).ifPresent(newest ->
                lagMillis = Math.max(0, Duration.between(newest, clock.instant()).toMillis()));
    }
}
