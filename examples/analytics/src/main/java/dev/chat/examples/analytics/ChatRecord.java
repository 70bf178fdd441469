package dev.chat.examples.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record of {@code chat.events.v1} as this consumer reads it: the CloudEvents type from the {@code ce_type}
 * header and the JSON data, nothing else. See docs/events/asyncapi.yaml for every type and field.
 */
record ChatRecord(String type, JsonNode data) {

    static final String MESSAGE_SENT = "chat.message.sent.v1";
    static final String MESSAGES_READ = "chat.messages.read.v1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    String text(String field) {
        return data.path(field).asString();
    }

    long number(String field) {
        return data.path(field).asLong();
    }

    Instant instant(String field) {
        return Instant.parse(text(field));
    }

    /**
     * Reads the type from the headers and parses the value. Types this consumer does not use are dropped
     * unparsed (read {@code ce_type} first: new types will appear); so is a value that is not JSON, which the
     * platform never writes (a consumer that must not skip anything would dead-letter it instead).
     */
    static final class Reader implements FixedKeyProcessor<String, byte[], ChatRecord> {

        private FixedKeyProcessorContext<String, ChatRecord> context;

        @Override
        public void init(FixedKeyProcessorContext<String, ChatRecord> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            Header type = record.headers().lastHeader("ce_type");
            if (type == null || record.value() == null) {
                return;
            }
            String name = new String(type.value(), StandardCharsets.UTF_8);
            if (!name.equals(MESSAGE_SENT) && !name.equals(MESSAGES_READ)) {
                return;
            }
            try {
                context.forward(record.withValue(new ChatRecord(name, JSON.readTree(record.value()))));
            } catch (JacksonException e) {
                // Not JSON: not the platform's record.
            }
        }
    }
}
