package dev.chat.examples.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * <pre>
 * chat.events.v1 ─► ce_type, JSON ─┬─ message sent ─► by hour and kind ─► count ─────────────► messages-per-hour
 *                                  ├─ message sent ─► by day and sender ─► first ─► count per day ─► active-senders
 *                                  └─ sent + read ─► first reads (per conversation) ─► by day ─► histogram ─► first-read
 *                                     every table's changes ─► chat.analytics-example.v1 (compacted)
 * </pre>
 * Each result is a table (a state store, queried over HTTP) whose every change is also written to the compacted
 * output topic, keyed {@code <metric>/<bucket>}: the latest record per key is the current figure.
 */
final class AnalyticsTopology {

    static final String EVENTS = "chat.events.v1";
    static final String OUTPUT = "chat.analytics-example.v1";
    static final String MESSAGES_PER_HOUR = "messages-per-hour";
    static final String SENDERS_SEEN = "senders-seen";
    static final String ACTIVE_SENDERS = "active-senders";
    static final String PENDING_READS = "pending-reads";
    static final String FIRST_READ = "time-to-first-read";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH':00Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** What goes to the output topic: one figure of one metric for one bucket. */
    record Figure(String metric, String bucket, long value, Long count) {
    }

    private AnalyticsTopology() {
    }

    static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, ChatRecord> events = builder.stream(EVENTS, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(ChatRecord.Reader::new);
        KStream<String, ChatRecord> sent = events.filter((key, event) -> event.type().equals(ChatRecord.MESSAGE_SENT));
        var figures = JsonSerde.of(Figure.class);

        // Messages per hour by conversation kind.
        sent.groupBy((conversation, event) -> HOUR.format(event.instant("sentAt")) + "|" + kind(conversation),
                        Grouped.with(Serdes.String(), JsonSerde.of(ChatRecord.class)))
                .count(counts(MESSAGES_PER_HOUR))
                .toStream()
                .map((hourAndKind, count) -> KeyValue.pair(MESSAGES_PER_HOUR + "/" + hourAndKind,
                        new Figure(MESSAGES_PER_HOUR, hourAndKind, count, null)))
                .to(OUTPUT, Produced.with(Serdes.String(), figures));

        // Active senders per day: the first message of each sender each day, counted per day.
        sent.map((conversation, event) -> KeyValue.pair(day(event.instant("sentAt")) + "|" + event.text("senderId"),
                        day(event.instant("sentAt"))))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()))
                .reduce((first, again) -> first, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(SENDERS_SEEN)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .groupBy((daySender, day) -> KeyValue.pair(day, day), Grouped.with(Serdes.String(), Serdes.String()))
                .count(counts(ACTIVE_SENDERS))
                .toStream()
                .map((day, senders) -> KeyValue.pair(ACTIVE_SENDERS + "/" + day,
                        new Figure(ACTIVE_SENDERS, day, senders, null)))
                .to(OUTPUT, Produced.with(Serdes.String(), figures));

        // Median time to first read, per day of the read.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_READS),
                Serdes.String(), JsonSerde.of(FirstReads.Pending.class)));
        events.process(() -> new FirstReads(PENDING_READS), PENDING_READS)
                .groupByKey(Grouped.with(Serdes.String(), Serdes.Long()))
                .aggregate(Histogram::empty, (day, seconds, histogram) -> histogram.add(seconds),
                        Materialized.<String, Histogram, KeyValueStore<Bytes, byte[]>>as(FIRST_READ)
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(Histogram.class)))
                .toStream()
                .map((day, histogram) -> KeyValue.pair(FIRST_READ + "/" + day,
                        new Figure(FIRST_READ, day, histogram.medianSeconds(), histogram.total())))
                .to(OUTPUT, Produced.with(Serdes.String(), figures));
        return builder.build();
    }

    private static Materialized<String, Long, KeyValueStore<Bytes, byte[]>> counts(String store) {
        return Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(store)
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long());
    }

    /** {@code direct} or {@code group}, from the conversation id ({@code dm.…} or {@code grp.…}). */
    static String kind(String conversationId) {
        return conversationId.startsWith("grp.") ? "group" : "direct";
    }

    static String day(Instant instant) {
        return DAY.format(instant);
    }
}
