package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * H2's general-purpose data type, with the two things mongo-java-server stores made cheap:
 * <ul>
 *   <li>index keys ({@link KeyValue}, not {@code Comparable}) are compared value by value; the default
 *       serializes both keys with Java serialization for every comparison of every B-tree lookup;</li>
 *   <li>documents and index keys are written as BSON (behind a marker) instead of by Java serialization,
 *       and their size is estimated instead of measured by serializing them. Values written the old way
 *       still read.</li>
 * </ul>
 */
final class StandInDataType extends ObjectDataType {

    static final StandInDataType INSTANCE = new StandInDataType();

    /**
     * H2's own comparison, one per thread. {@link ObjectDataType#compare} remembers the last type it detected in a field
     * and then tells two values apart by the identity of the types it detected for each: with one instance shared by
     * every map, the store's background writer (compacting) and the wire protocol's threads change that field under
     * each other, two values of one type are taken for two types, "Can not compare" is thrown — and the store closes
     * itself for good (every later request: "This store is closed"). Per thread, the field is never shared.
     */
    private static final ThreadLocal<ObjectDataType> COMPARING = ThreadLocal.withInitial(ObjectDataType::new);

    private static final byte[] BSON_MARKER = {(byte) 0xB5, 'O', 'N', 1};
    private static final byte[] KEY_MARKER = {(byte) 0xB5, 'O', 'N', 2};

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            int common = Math.min(x.size(), y.size());
            for (int i = 0; i < common; i++) {
                int order = compareValues(x.get(i), y.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return COMPARING.get().compare(a, b);
    }

    /** The library's value order, with its two common cases (ids and versions) taken directly. */
    private static int compareValues(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return ValueComparator.asc().compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        if (value instanceof KeyValue key) {
            return 48 + 32 * key.size();
        }
        if (value instanceof Document document) {
            return 64 + 96 * document.size();
        }
        return super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document) {
            super.write(buffer, bson(BSON_MARKER, document));
            return;
        }
        if (value instanceof KeyValue key) {
            Document holder = new Document("k", key.stream().toList());
            try {
                super.write(buffer, bson(KEY_MARKER, holder));
                return;
            } catch (RuntimeException notBson) {
                // A key part BSON cannot hold: the general (Java serialization) path still can.
            }
        }
        super.write(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        Object value = super.read(buffer);
        if (value instanceof byte[] bytes) {
            if (startsWith(bytes, BSON_MARKER)) {
                return decode(bytes);
            }
            if (startsWith(bytes, KEY_MARKER)) {
                return new KeyValue(decode(bytes).get("k") instanceof java.util.List<?> parts ? parts : java.util.List.of());
            }
        }
        return value;
    }

    private static byte[] bson(byte[] marker, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        bson.writeBytes(marker);
        BsonEncoder.encodeDocument(document, bson);
        byte[] bytes = new byte[bson.readableBytes()];
        bson.readBytes(bytes);
        return bytes;
    }

    private static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes, BSON_MARKER.length, bytes.length - BSON_MARKER.length));
    }

    private static boolean startsWith(byte[] bytes, byte[] marker) {
        if (bytes.length <= marker.length) {
            return false;
        }
        for (int i = 0; i < marker.length; i++) {
            if (bytes[i] != marker[i]) {
                return false;
            }
        }
        return true;
    }
}
