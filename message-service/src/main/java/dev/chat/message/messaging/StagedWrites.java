package dev.chat.message.messaging;

import dev.chat.servicekit.KafkaTraces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The writes of one decision step — state values, events, the outcome — encoded and measured as they are staged,
 * made only by {@link #write()} once all of them are known to fit in a Kafka record: a step that would write one
 * too large throws {@link UnprocessableCommandException} before anything is written.
 */
final class StagedWrites {

    private final ProcessorContext<String, byte[]> context;
    private final KafkaTraces traces;
    private final int maxRecordBytes;
    private final List<Runnable> writes = new ArrayList<>();

    StagedWrites(ProcessorContext<String, byte[]> context, KafkaTraces traces, int maxRecordBytes) {
        this.context = context;
        this.traces = traces;
        this.maxRecordBytes = maxRecordBytes;
    }

    <V> void put(JsonStore<V> store, String key, V value) {
        byte[] encoded = store.encode(value);
        if (key.length() + encoded.length > maxRecordBytes) {
            throw tooLarge("the " + store.name() + " state of " + key.replace('\n', ' '), key.length() + encoded.length);
        }
        writes.add(() -> store.put(key, encoded));
    }

    /** Forwards what {@code command} led to, carrying the command's trace on. */
    void forward(Record<String, byte[]> command, ProducerRecord<String, byte[]> record, Instant time, String sink) {
        traces.carryOn(command.headers(), record.headers());
        int size = size(record);
        if (size > maxRecordBytes) {
            throw tooLarge("its " + sink + " record", size);
        }
        writes.add(() -> context.forward(new Record<>(record.key(), record.value(), time.toEpochMilli(),
                record.headers()), sink));
    }

    void write() {
        writes.forEach(Runnable::run);
    }

    private UnprocessableCommandException tooLarge(String what, int bytes) {
        return new UnprocessableCommandException("the command would make " + what + " " + bytes
                + " bytes long, more than the " + maxRecordBytes + " a record may have");
    }

    /** A record's size as the producer counts it, near enough: key (at most 3 bytes a character), value, headers. */
    private static int size(ProducerRecord<String, byte[]> record) {
        int size = record.key() == null ? 0 : record.key().length() * 3;
        size += record.value() == null ? 0 : record.value().length;
        for (Header header : record.headers()) {
            size += header.key().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
