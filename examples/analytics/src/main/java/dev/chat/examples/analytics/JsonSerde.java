package dev.chat.examples.analytics;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** JSON (Jackson) for the values this application keeps in its stores and writes to its topic. */
final class JsonSerde {

    private JsonSerde() {
    }

    static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : ChatRecord.JSON.writeValueAsBytes(value),
                (topic, bytes) -> bytes == null ? null : ChatRecord.JSON.readValue(bytes, type));
    }
}
