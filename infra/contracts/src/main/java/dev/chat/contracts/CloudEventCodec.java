package dev.chat.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.core.JacksonException;

/**
 * CloudEvents 1.0 in Kafka binary mode: context attributes in {@code ce_*} headers, the record value
 * is the JSON data. A small codec rather than the CloudEvents SDK: binary mode is six headers, and
 * the SDK's JSON support is built on Jackson 2 while the platform runs on Jackson 3.
 */
public final class CloudEventCodec {

    private static final String OUTCOME_ID_PREFIX = "outcome:";

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    private static final String JSON = "application/json";

    private final String source;

    /** @param source the CloudEvents source of everything this codec encodes, e.g. {@code /message-service} */
    public CloudEventCodec(String source) {
        this.source = source;
    }

    public ProducerRecord<String, byte[]> event(ChatEvent event) {
        return record(Topics.EVENTS.name(), event.conversationId(), event.eventId(), event.conversationId(),
                event.occurredAt(), event);
    }

    public ProducerRecord<String, byte[]> command(ChatCommand command, Instant time) {
        return record(Topics.COMMANDS.name(), command.conversationId(), command.commandId(),
                command.conversationId(), time, command);
    }

    /** An outcome is identified by its command: {@code outcome:<commandId>}. */
    public ProducerRecord<String, byte[]> outcome(CommandOutcome outcome, Instant time) {
        return record(Topics.OUTCOMES.name(), outcome.conversationId(), OUTCOME_ID_PREFIX + outcome.commandId(),
                outcome.conversationId(), time, outcome);
    }

    /** The command an outcome record answers, read from its id without decoding it; empty if it has no such id. */
    public static Optional<String> outcomeCommandId(ConsumerRecord<String, byte[]> record) {
        String id = header(record.headers(), ID);
        return id != null && id.startsWith(OUTCOME_ID_PREFIX) ? Optional.of(id.substring(OUTCOME_ID_PREFIX.length()))
                : Optional.empty();
    }

    /** A view is identified by its conversation and version, like the event that produced it. */
    public ProducerRecord<String, byte[]> view(ConversationView view, Instant time) {
        return record(Topics.CONVERSATION_VIEWS.name(), view.conversationId(),
                view.conversationId() + ":" + view.version(), view.conversationId(), time, view);
    }

    /** The version of the conversation a view record shows, read from its id without decoding it; empty if none. */
    public static OptionalLong viewVersion(ConsumerRecord<String, byte[]> record) {
        String id = header(record.headers(), ID);
        if (id == null || record.key() == null || !id.startsWith(record.key() + ":")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(id.substring(record.key().length() + 1)));
        } catch (NumberFormatException notAVersion) {
            return OptionalLong.empty();
        }
    }

    public ProducerRecord<String, byte[]> profile(UserProfileUpdated profile) {
        return record(Topics.USERS.name(), profile.userId(), UUID.randomUUID().toString(), profile.userId(),
                profile.updatedAt(), profile);
    }

    public ProducerRecord<String, byte[]> presenceSignal(PresenceSignal signal, Instant time) {
        return record(Topics.PRESENCE_SIGNALS.name(), signal.userId(), UUID.randomUUID().toString(), signal.userId(),
                time, signal);
    }

    public ProducerRecord<String, byte[]> presence(PresenceChanged presence) {
        return record(Topics.PRESENCE.name(), presence.userId(), UUID.randomUUID().toString(), presence.userId(),
                presence.changedAt(), presence);
    }

    public ProducerRecord<String, byte[]> typing(IndicateTyping typing) {
        return record(Topics.TYPING.name(), typing.conversationId(), UUID.randomUUID().toString(),
                typing.conversationId(), typing.issuedAt(), typing);
    }

    /** A report is identified by its reporter and message ({@link MessageReported#idOf}): republished, the same id. */
    public ProducerRecord<String, byte[]> report(MessageReported report) {
        return record(Topics.REPORTS.name(), report.conversationId(), report.reportId(), report.conversationId(),
                report.reportedAt(), report);
    }

    /** Keyed by conversation, like its events. */
    public ProducerRecord<String, byte[]> delivered(MessagesDelivered delivered) {
        return record(Topics.DELIVERIES.name(), delivered.conversationId(), UUID.randomUUID().toString(),
                delivered.conversationId(), delivered.deliveredAt(), delivered);
    }

    /** Keyed by the pair ({@link BlockChanged#key}), so compaction keeps each pair's latest. */
    public ProducerRecord<String, byte[]> block(BlockChanged change) {
        return record(Topics.BLOCKS.name(), change.key(), UUID.randomUUID().toString(), change.conversationId(),
                change.changedAt(), change);
    }

    /** Encodes any contract payload as a CloudEvent record. */
    public ProducerRecord<String, byte[]> record(String topic, String key, String id, String subject,
            Instant time, Object data) {
        Headers headers = new RecordHeaders();
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, id);
        put(headers, SOURCE, source);
        put(headers, TYPE, ContractType.of(data).typeName());
        put(headers, TIME, time.toString());
        put(headers, SUBJECT, subject);
        put(headers, CONTENT_TYPE, JSON);
        return new ProducerRecord<>(topic, null, key, ChatJson.mapper().writeValueAsBytes(data), headers);
    }

    /**
     * Decodes a record into its envelope.
     *
     * @throws UndecodableRecordException when a header is missing, the type is unknown or the JSON
     *                                    does not match the type; such a record will never decode
     */
    public static Envelope<Object> decode(ConsumerRecord<String, byte[]> record) {
        return decode(record.headers(), record.value());
    }

    /** Decodes a record and checks the payload is of the kind the topic carries. */
    public static <T> Envelope<T> decode(ConsumerRecord<String, byte[]> record, Class<T> expected) {
        return decode(record.topic(), record.headers(), record.value(), expected);
    }

    /** Decodes a record given as its parts (for clients other than a plain consumer, e.g. Kafka Streams). */
    public static <T> Envelope<T> decode(String topic, Headers headers, byte[] value, Class<T> expected) {
        Envelope<Object> envelope = decode(headers, value);
        if (!expected.isInstance(envelope.data())) {
            throw new UndecodableRecordException(envelope.type().typeName() + " does not belong on " + topic);
        }
        @SuppressWarnings("unchecked")
        Envelope<T> typed = (Envelope<T>) envelope;
        return typed;
    }

    private static Envelope<Object> decode(Headers headers, byte[] value) {
        String specVersion = header(headers, SPEC_VERSION);
        if (!"1.0".equals(specVersion)) {
            throw new UndecodableRecordException("unsupported or missing ce_specversion: " + specVersion);
        }
        String typeName = required(headers, TYPE);
        ContractType type = ContractType.ofTypeName(typeName)
                .orElseThrow(() -> new UndecodableRecordException("unknown ce_type: " + typeName));
        if (value == null) {
            throw new UndecodableRecordException("record has no data");
        }
        Instant time;
        try {
            time = Instant.parse(required(headers, TIME));
        } catch (DateTimeParseException e) {
            throw new UndecodableRecordException("ce_time is not an RFC 3339 timestamp", e);
        }
        Object data;
        try {
            data = ChatJson.mapper().readValue(value, type.javaType());
        } catch (JacksonException e) {
            throw new UndecodableRecordException("data does not match " + typeName + ": " + e.getOriginalMessage(), e);
        }
        return new Envelope<>(required(headers, ID), type, required(headers, SOURCE), header(headers, SUBJECT),
                time, data);
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new UndecodableRecordException("missing header " + name);
        }
        return value;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
