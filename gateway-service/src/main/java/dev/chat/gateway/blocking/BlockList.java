package dev.chat.gateway.blocking;

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
 * they block. message-service decides blocks; this only follows them. A pair's latest change wins (by the time it
 * was decided), so a record read again or late changes nothing.
 */
@Component
public class BlockList {

    /** blocker → blocked → the pair's latest change (lifted ones too, so that an older record cannot revive it). */
    private final Map<String, Map<String, BlockChanged>> byBlocker = new ConcurrentHashMap<>();

    /** A record of {@code chat.blocks.v1}: the change, if it changed whether the pair is blocked. */
    public Optional<BlockChanged> onRecord(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        BlockChanged change = CloudEventCodec.decode(record, BlockChanged.class).data();
        return take(change) ? Optional.of(change) : Optional.empty();
    }

    /** True if the change is the pair's latest and changes whether it is blocked. */
    boolean take(BlockChanged change) {
        boolean[] changed = {false};
        byBlocker.computeIfAbsent(change.blockerId(), id -> new ConcurrentHashMap<>())
                .compute(change.blockedId(), (id, before) -> {
                    if (before != null && before.changedAt().isAfter(change.changedAt())) {
                        return before;
                    }
                    changed[0] = before == null ? change.blocked() : before.blocked() != change.blocked();
                    return change;
                });
        return changed[0];
    }

    /** Whether {@code blocker} blocks {@code blocked}. */
    public boolean blocks(String blocker, String blocked) {
        Map<String, BlockChanged> theirs = byBlocker.get(blocker);
        if (theirs == null) {
            return false;
        }
        BlockChanged change = theirs.get(blocked);
        return change != null && change.blocked();
    }

    /** Whether either of the two blocks the other. */
    public boolean eitherBlocks(String one, String other) {
        return blocks(one, other) || blocks(other, one);
    }

    /** The people {@code blocker} blocks, the latest first. */
    List<BlockChanged> blockedBy(String blocker) {
        return byBlocker.getOrDefault(blocker, Map.of()).values().stream().filter(BlockChanged::blocked)
                .sorted(Comparator.comparing(BlockChanged::changedAt).reversed()).toList();
    }

    int count(String blocker) {
        return (int) byBlocker.getOrDefault(blocker, Map.of()).values().stream().filter(BlockChanged::blocked).count();
    }
}
