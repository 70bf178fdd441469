package dev.chat.message.messaging;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One bounded pool of off-heap memory for every RocksDB store of the process (each partition has its
 * own stores, and a window store several segments): by default each would take its own block cache
 * and memtables, hundreds of MB for a small service. The pattern is Kafka Streams' documented
 * "bounded memory" configuration.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    static {
        // Streams may instantiate this class before it opens a store, i.e. before it loaded RocksDB itself.
        RocksDB.loadLibrary();
    }

    private static final long TOTAL_OFF_HEAP = 48L * 1024 * 1024;
    private static final long TOTAL_MEMTABLES = 16L * 1024 * 1024;
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(4L * 1024 * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store: they live as long as the process.
    }
}
