package dev.chat.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.PresenceChanged;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology fed with records as message-service writes them (CloudEvents headers, JSON data). */
class AnalyticsTopologyTest {

    private static final String DIRECT = "dm.ann.ben";
    private static final String GROUP = "grp.5c1d2e3f-0000-4000-8000-000000000001";
    private final CloudEventCodec codec = new CloudEventCodec("/message-service");
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, AnalyticsTopology.Figure> output;

    @BeforeEach
    void start() throws Exception {
        Properties config = AnalyticsApp.config("unused:9092", "analytics-test",
                Files.createTempDirectory("analytics-test").toString());
        driver = new TopologyTestDriver(AnalyticsTopology.build(), config);
        events = driver.createInputTopic(AnalyticsTopology.EVENTS, Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        output = driver.createOutputTopic(AnalyticsTopology.OUTPUT, Serdes.String().deserializer(),
                JsonSerde.of(AnalyticsTopology.Figure.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void countsMessagesPerHourByKindActiveSendersPerDayAndTheMedianTimeToFirstRead() {
        pipe(codec.event(new ConversationStarted(DIRECT, 1, "direct", List.of("ann", "ben"), "ann", at("2026-12-07T10:05:00Z"))));
        pipe(codec.event(sent(DIRECT, 2, "ann", "2026-12-07T10:05:00Z")));
        pipe(codec.event(sent(DIRECT, 3, "ann", "2026-12-07T10:10:00Z")));
        // ben reads both: 600 s and 300 s after they were sent.
        pipe(codec.event(read(DIRECT, 4, "ben", 3, "2026-12-07T10:15:00Z")));
        pipe(codec.event(sent(GROUP, 2, "cai", "2026-12-07T11:00:00Z")));
        // The sender reading their own message is no first read; ann's read a minute later is.
        pipe(codec.event(read(GROUP, 3, "cai", 2, "2026-12-07T11:00:30Z")));
        pipe(codec.event(read(GROUP, 4, "ann", 2, "2026-12-07T11:01:00Z")));
        // Read again: no second first read.
        pipe(codec.event(read(DIRECT, 5, "ben", 3, "2026-12-07T10:20:00Z")));
        pipe(codec.event(sent(DIRECT, 6, "ann", "2026-12-08T09:00:00Z")));

        assertThat(store(AnalyticsTopology.MESSAGES_PER_HOUR)).containsOnly(
                entry("2026-12-07T10:00Z|direct", 2L), entry("2026-12-07T11:00Z|group", 1L),
                entry("2026-12-08T09:00Z|direct", 1L));
        assertThat(store(AnalyticsTopology.ACTIVE_SENDERS)).containsOnly(entry("2026-12-07", 2L), entry("2026-12-08", 1L));
        KeyValueStore<String, Histogram> reads = driver.getKeyValueStore(AnalyticsTopology.FIRST_READ);
        assertThat(reads.get("2026-12-07").total()).isEqualTo(3);
        assertThat(reads.get("2026-12-07").medianSeconds()).isEqualTo(300);

        // The compacted output: the latest record per key is the current figure.
        Map<String, AnalyticsTopology.Figure> latest = output.readKeyValuesToMap();
        assertThat(latest).containsEntry("messages-per-hour/2026-12-07T10:00Z|direct",
                        new AnalyticsTopology.Figure("messages-per-hour", "2026-12-07T10:00Z|direct", 2, null))
                .containsEntry("active-senders/2026-12-07", new AnalyticsTopology.Figure("active-senders", "2026-12-07", 2, null))
                .containsEntry("time-to-first-read/2026-12-07",
                        new AnalyticsTopology.Figure("time-to-first-read", "2026-12-07", 300, 3L));
    }

    @Test
    void typesItDoesNotUseAndValuesThatAreNotJsonAreSkippedWithoutStopping() {
        ProducerRecord<String, byte[]> presence = codec.presence(new PresenceChanged("ann", true, Instant.EPOCH,
                Instant.EPOCH));
        events.pipeInput(new TestRecord<>("ann", presence.value(), presence.headers()));
        RecordHeaders sentHeaders = new RecordHeaders();
        sentHeaders.add("ce_type", ChatRecord.MESSAGE_SENT.getBytes(StandardCharsets.UTF_8));
        events.pipeInput(new TestRecord<>(DIRECT, "not json".getBytes(StandardCharsets.UTF_8), sentHeaders));
        pipe(codec.event(sent(DIRECT, 2, "ann", "2026-12-07T10:05:00Z")));

        assertThat(store(AnalyticsTopology.MESSAGES_PER_HOUR)).containsOnly(entry("2026-12-07T10:00Z|direct", 1L));
    }

    private Map<String, Long> store(String name) {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(name);
        Map<String, Long> rows = new TreeMap<>();
        try (KeyValueIterator<String, Long> all = store.all()) {
            all.forEachRemaining(row -> rows.put(row.key, row.value));
        }
        return rows;
    }

    private void pipe(ProducerRecord<String, byte[]> record) {
        events.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers()));
    }

    private static MessageSent sent(String conversation, long version, String sender, String time) {
        List<String> participants = conversation.equals(DIRECT) ? List.of("ann", "ben") : List.of("ann", "ben", "cai");
        return new MessageSent("m-" + conversation + "-" + version, conversation, version, sender, participants,
                null, "hello", MessageType.TEXT, List.of(), at(time));
    }

    private static MessagesRead read(String conversation, long version, String reader, long upTo, String time) {
        List<String> participants = conversation.equals(DIRECT) ? List.of("ann", "ben") : List.of("ann", "ben", "cai");
        return new MessagesRead(conversation, version, reader, upTo, participants, at(time));
    }

    private static Instant at(String time) {
        return Instant.parse(time);
    }
}
