package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with proper data types for its MVStore maps (see {@link StandInDataType}):
 * index keys compared as values instead of by serializing them, documents stored as BSON instead of Java
 * serialization. Same files, same behaviour, several times less CPU per operation (measured in
 * docs/benchmarks.md).
 *
 * <p>It lives in the backend's package because the index class it creates has a package-private
 * constructor. Stores written before keep working: old values still read, and index maps ordered the old
 * way are re-sorted once when first opened.
 */
public final class TypedH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(TypedH2Backend.class);
    private static final String FORMAT_MAP = "chat.stand-in-format";
    private static final int FORMAT = 2;
    /** The databases are opened from inside the superclass constructors, before any field of ours is set. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private TypedH2Backend(MVStore store) {
        super(store);
    }

    public static TypedH2Backend open(String fileName) {
        MVStore store = MVStore.open(fileName);
        OPENING.set(store);
        try {
            TypedH2Backend backend = new TypedH2Backend(store);
            backend.resortOldIndexes();
            return backend;
        } finally {
            OPENING.remove();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        OPENING.set(getMvStore());
        try {
            return new Database(databaseName, getMvStore(), getCursorRegistry());
        } finally {
            OPENING.remove();
        }
    }

    /** Index maps written with the old key order are read in storage order and written again in the new one. */
    private void resortOldIndexes() {
        MVStore store = getMvStore();
        MVMap<String, Object> format = store.openMap(FORMAT_MAP, builder());
        if (Integer.valueOf(FORMAT).equals(format.get("keys"))) {
            return;
        }
        for (String name : store.getMapNames()) {
            if (name.contains("._index_")) {
                MVMap<Object, Object> index = store.openMap(name, builder());
                List<Map.Entry<Object, Object>> entries = new ArrayList<>(index.entrySet());
                index.clear();
                entries.forEach(entry -> index.put(entry.getKey(), entry.getValue()));
                log.info("Re-sorted {} entries of {}", entries.size(), name);
            }
        }
        format.put("keys", FORMAT);
        store.commit();
    }

    private static <K, V> MVMap.Builder<K, V> builder() {
        return new MVMap.Builder<K, V>().keyType(StandInDataType.INSTANCE).valueType(StandInDataType.INSTANCE);
    }

    /** The H2 database with every map opened with {@link StandInDataType}. */
    private static final class Database extends H2Database {

        private final MVStore store;

        Database(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
            this.store = store;
        }

        private MVStore store() {
            return store != null ? store : OPENING.get();
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVMap<KeyValue, Object> map = store().openMap(
                    getFullCollectionNamespace(collectionName) + "._index_" + indexName, builder());
            return new H2UniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> data = store().openMap(DATABASES_PREFIX + fullName, builder());
            MVMap<String, Object> meta = store().openMap("meta." + fullName, builder());
            return new H2Collection(this, collectionName, options, data, meta, cursorRegistry);
        }
    }
}
