package dev.chat.examples.analytics;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The current figures, read from this instance's state stores (Kafka Streams interactive queries). One instance
 * holds every partition; with several, each holds some, and a query would ask the others too (see
 * {@code KafkaStreams#queryMetadataForKey}) — left out of this example.
 */
final class StatsQuery {

    record HourCount(String hour, String kind, long messages) {
    }

    record DayCount(String day, long senders) {
    }

    record DayMedian(String day, long reads, long medianSeconds) {
    }

    record Stats(List<HourCount> messagesPerHour, List<DayCount> activeSendersPerDay,
            List<DayMedian> timeToFirstRead) {
    }

    private final KafkaStreams streams;

    StatsQuery(KafkaStreams streams) {
        this.streams = streams;
    }

    Stats stats() {
        List<HourCount> hours = new ArrayList<>();
        for (KeyValue<String, Long> row : rows(AnalyticsTopology.MESSAGES_PER_HOUR, Long.class)) {
            String[] hourAndKind = row.key.split("\\|", 2);
            hours.add(new HourCount(hourAndKind[0], hourAndKind[1], row.value));
        }
        List<DayCount> senders = rows(AnalyticsTopology.ACTIVE_SENDERS, Long.class).stream()
                .map(row -> new DayCount(row.key, row.value)).toList();
        List<DayMedian> reads = rows(AnalyticsTopology.FIRST_READ, Histogram.class).stream()
                .map(row -> new DayMedian(row.key, row.value.total(), row.value.medianSeconds())).toList();
        return new Stats(hours, senders, reads);
    }

    private <V> List<KeyValue<String, V>> rows(String storeName, Class<V> type) {
        ReadOnlyKeyValueStore<String, V> store = streams.store(
                StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore()));
        List<KeyValue<String, V>> rows = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(rows::add);
        }
        return rows;
    }
}
