package dev.chat.message.messaging;

import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A state store of JSON values (the bytes in its changelog are the JSON), encoded by the processor rather than
 * by the store, so that a decision's writes can be encoded and measured before any of them is made.
 */
final class JsonStore<V> {

    private final String name;
    private final KeyValueStore<String, byte[]> store;
    private final Serializer<V> serializer;
    private final Deserializer<V> deserializer;

    JsonStore(String name, KeyValueStore<String, byte[]> store, Class<V> type) {
        this.name = name;
        this.store = store;
        JsonSerde<V> serde = new JsonSerde<>(type);
        this.serializer = serde.serializer();
        this.deserializer = serde.deserializer();
    }

    String name() {
        return name;
    }

    V get(String key) {
        return decode(store.get(key));
    }

    byte[] encode(V value) {
        return serializer.serialize(name, value);
    }

    void put(String key, byte[] encoded) {
        store.put(key, encoded);
    }

    void delete(String key) {
        store.delete(key);
    }

    /**
     * Visits at most {@code limit} entries from {@code from} (the start if null), in key order; returns the key
     * to resume after, or null once the end is reached.
     */
    String scan(String from, int limit, BiConsumer<String, V> visitor) {
        String last = null;
        int seen = 0;
        try (KeyValueIterator<String, byte[]> entries = from == null ? store.all() : store.range(from, null)) {
            while (entries.hasNext() && seen < limit) {
                KeyValue<String, byte[]> entry = entries.next();
                last = entry.key;
                seen++;
                visitor.accept(entry.key, decode(entry.value));
            }
            return entries.hasNext() ? last + '\0' : null;
        }
    }

    private V decode(byte[] bytes) {
        return deserializer.deserialize(name, bytes);
    }
}
