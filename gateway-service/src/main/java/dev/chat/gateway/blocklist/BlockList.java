package dev.chat.gateway.blocklist;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.CloudEventCodec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Who blocks whom, from the compacted {@code chat.blocks.v1} read from its beginning (as presence is): what the
 * real-time side asks before it shows one user's presence or typing to another, and each user's list of the people
 * they block. message-service decides blocks; this only follows them, and a record read again changes nothing.
 */
@Component
public class BlockList {

    /**
     * blocker → blocked → the block in force. A lifted block leaves nothing behind, so memory follows the blocks
     * that stand (at most {@code BlockActions.MAX_BLOCKED} a blocker), not every one ever made: a pair's records
     * are on one partition of a compacted topic and come in order, so no older one arrives after it.
     */
    private final Map<String, Map<String, BlockChanged>> byBlocker = new ConcurrentHashMap<>();

    /** A record of {@code chat.blocks.v1}: the change, if it changed whether the pair is blocked. */
    public Optional<BlockChanged> onRecord(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        BlockChanged change = CloudEventCodec.decode(record, BlockChanged.class).data();
        return take(change) ? Optional.of(change) : Optional.empty();
    }

    /** True if the change changes whether the pair is blocked. */
    boolean take(BlockChanged change) {
        boolean[] changed = {false};
        byBlocker.compute(change.blockerId(), (blocker, theirs) -> {
            Map<String, BlockChanged> now = theirs == null ? new ConcurrentHashMap<>() : theirs;
            BlockChanged before = change.blocked() ? now.put(change.blockedId(), change) : now.remove(change.blockedId());
            changed[0] = change.blocked() == (before == null);
            return now.isEmpty() ? null : now;
        });
        return changed[0];
    }

    /** Whether {@code blocker} blocks {@code blocked}. */
    public boolean blocks(String blocker, String blocked) {
        Map<String, BlockChanged> theirs = byBlocker.get(blocker);
        return theirs != null && theirs.containsKey(blocked);
    }

    /** Whether either of the two blocks the other. */
    public boolean eitherBlocks(String one, String other) {
        return blocks(one, other) || blocks(other, one);
    }

    /** The people {@code blocker} blocks, the latest first. */
    public List<BlockChanged> blockedBy(String blocker) {
        return byBlocker.getOrDefault(blocker, Map.of()).values().stream()
                .sorted(Comparator.comparing(BlockChanged::changedAt).reversed()).toList();
    }

    public int count(String blocker) {
        return byBlocker.getOrDefault(blocker, Map.of()).size();
    }
}
