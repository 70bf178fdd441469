package dev.chat.message.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.Topics;
import dev.chat.servicekit.DeadLetters;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.core.instrument.Metrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Where commands that are not decided go: the dead-letter topic, with the reason in the headers Spring Kafka
 * writes elsewhere — and, for a command that could not be processed, a refusal to its issuer, who would
 * otherwise wait for an answer that never comes. In the step's transaction, like everything the processor writes.
 */
final class SetAside {

    static final String REASON = "this request could not be processed and was set aside for the operators;"
            + " sending it again will not help";
    private static final Logger log = LoggerFactory.getLogger(SetAside.class);

    private final ProcessorContext<String, byte[]> context;
    private final CloudEventCodec codec;
    private final KafkaTraces traces;
    private final Clock clock;

    SetAside(ProcessorContext<String, byte[]> context, CloudEventCodec codec, KafkaTraces traces, Clock clock) {
        this.context = context;
        this.codec = codec;
        this.traces = traces;
        this.clock = clock;
    }

    /** A command that cannot be processed: dead-lettered, and refused to its issuer. */
    void command(Record<String, byte[]> record, ChatCommand command, Exception reason) {
        log.warn("Command {} ({}) in {} set aside: {}", command.commandId(), Deciders.kind(command),
                command.conversationId(), reason.toString());
        deadLetter(record, reason);
        RejectionCode code = reason instanceof UnprocessableCommandException ? RejectionCode.TOO_LARGE
                : RejectionCode.INVALID;
        CommandRejected refused = new CommandRejected(command.commandId(), command.conversationId(), command.issuedBy(),
                code, REASON);
        Instant now = clock.instant();
        ProducerRecord<String, byte[]> outcome = codec.outcome(refused, now);
        traces.carryOn(record.headers(), outcome.headers());
        context.forward(new Record<>(outcome.key(), outcome.value(), now.toEpochMilli(), outcome.headers()),
                DecisionTopology.OUTCOMES);
        Metrics.counter("chat.commands.decided", "type", Deciders.kind(command), "outcome", "set-aside",
                "code", code.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** The record, unchanged, to the dead-letter topic, with the same reason headers Spring Kafka writes elsewhere. */
    void deadLetter(Record<String, byte[]> record, Exception reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(reason.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(reason.getMessage())));
        Optional<RecordMetadata> origin = context.recordMetadata();
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(origin.map(RecordMetadata::topic).orElse(Topics.COMMANDS.name())));
        origin.ifPresent(meta -> {
            headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(meta.partition()).array());
            headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(meta.offset()).array());
        });
        context.forward(record.withHeaders(headers), DecisionTopology.DEAD_LETTERS);
        DeadLetters.counted(Topics.COMMANDS.name());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
