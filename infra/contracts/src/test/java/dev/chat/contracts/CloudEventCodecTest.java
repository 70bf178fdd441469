package dev.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec("/message-service");

    private final MessageSent sent = new MessageSent("m-1", "dm.alice.bob", 2, "alice", List.of("alice", "bob"),
            "c-1", "hello", MessageType.TEXT, List.of(), Instant.parse("2026-11-24T10:00:00.123Z"));

    @Test
    void eventTravelsInBinaryModeWithConversationAsKeyAndSubject() {
        ProducerRecord<String, byte[]> record = codec.event(sent);

        assertThat(record.topic()).isEqualTo("chat.events.v1");
        assertThat(record.key()).isEqualTo("dm.alice.bob");
        assertThat(CloudEventCodec.header(record.headers(), "ce_specversion")).isEqualTo("1.0");
        assertThat(CloudEventCodec.header(record.headers(), "ce_id")).isEqualTo("dm.alice.bob:2");
        assertThat(CloudEventCodec.header(record.headers(), "ce_source")).isEqualTo("/message-service");
        assertThat(CloudEventCodec.header(record.headers(), "ce_type")).isEqualTo("chat.message.sent.v1");
        assertThat(CloudEventCodec.header(record.headers(), "ce_time")).isEqualTo("2026-11-24T10:00:00.123Z");
        assertThat(CloudEventCodec.header(record.headers(), "ce_subject")).isEqualTo("dm.alice.bob");
        assertThat(CloudEventCodec.header(record.headers(), "content-type")).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).startsWith("{\"messageId\":\"m-1\"");
    }

    @Test
    void anOutcomesCommandAndAViewsVersionAreReadFromTheIdAsTheyWereWritten() {
        ConversationView view = new ConversationView("dm.alice.bob", 7, "direct", List.of("alice", "bob"),
                Instant.parse("2026-11-24T10:00:00Z"), null, null, java.util.Map.of(), java.util.Map.of());
        assertThat(CloudEventCodec.viewVersion(consumed(codec.view(view, Instant.now())))).hasValue(7);
        CommandOutcome outcome = new CommandRejected("cmd-9", "dm.alice.bob", "alice", RejectionCode.INVALID, "no");
        assertThat(CloudEventCodec.outcomeCommandId(consumed(codec.outcome(outcome, Instant.now())))).hasValue("cmd-9");
        assertThat(CloudEventCodec.outcomeCommandId(consumed(codec.event(sent)))).isEmpty();
        assertThat(CloudEventCodec.viewVersion(consumed(codec.event(sent)))).hasValue(2);
    }

    @Test
    void decodingGivesBackTheSameEventAndAttributes() {
        Envelope<ChatEvent> envelope = CloudEventCodec.decode(consumed(codec.event(sent)), ChatEvent.class);

        assertThat(envelope.data()).isEqualTo(sent);
        assertThat(envelope.type()).isEqualTo(ContractType.MESSAGE_SENT);
        assertThat(envelope.id()).isEqualTo("dm.alice.bob:2");
        assertThat(envelope.time()).isEqualTo(sent.sentAt());
    }

    @Test
    void aRecordOfTheWrongKindForItsTopicIsUndecodable() {
        ConsumerRecord<String, byte[]> record = consumed(codec.event(sent));

        assertThatThrownBy(() -> CloudEventCodec.decode(record, ChatCommand.class))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("does not belong");
    }

    @Test
    void garbageIsUndecodableWithAReason() {
        ProducerRecord<String, byte[]> good = codec.event(sent);
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(good.topic(), null, good.key(),
                "{not json".getBytes(StandardCharsets.UTF_8), good.headers());

        assertThatThrownBy(() -> CloudEventCodec.decode(consumed(garbage)))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("does not match chat.message.sent.v1");
        assertThatThrownBy(() -> CloudEventCodec.decode(consumed(
                new ProducerRecord<>("chat.events.v1", "k", "{}".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("ce_specversion");
    }

    @Test
    void aMissingVersionIsABrokenEventNotVersionZero() {
        ProducerRecord<String, byte[]> good = codec.event(sent);
        String json = new String(good.value(), StandardCharsets.UTF_8).replace("\"version\":2,", "");

        assertThatThrownBy(() -> CloudEventCodec.decode(consumed(new ProducerRecord<>(good.topic(), null, good.key(),
                json.getBytes(StandardCharsets.UTF_8), good.headers()))))
                .isInstanceOf(UndecodableRecordException.class);
    }

    static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        return new ConsumerRecord<>(record.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, 0, 0,
                record.key(), record.value(), new RecordHeaders(record.headers().toArray()), java.util.Optional.empty());
    }
}
