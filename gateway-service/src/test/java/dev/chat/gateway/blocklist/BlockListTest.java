package dev.chat.gateway.blocklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.BlockChanged;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a gateway knows of who blocks whom: only changes count, and a lifted block leaves nothing behind. */
class BlockListTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private final BlockList blocks = new BlockList();

    @Test
    void aBlockCountsOnceAndItsLiftingLeavesNothing() {
        assertThat(blocks.take(change("ann", "ben", true, 1))).isTrue();
        assertThat(blocks.take(change("ann", "ben", true, 1))).as("read again").isFalse();
        assertThat(blocks.blocks("ann", "ben")).isTrue();
        assertThat(blocks.blocks("ben", "ann")).isFalse();
        assertThat(blocks.eitherBlocks("ben", "ann")).isTrue();
        assertThat(blocks.take(change("ann", "cat", true, 2))).isTrue();
        assertThat(blocks.blockedBy("ann")).extracting(BlockChanged::blockedId).containsExactly("cat", "ben");

        assertThat(blocks.take(change("ann", "ben", false, 3))).isTrue();
        assertThat(blocks.take(change("ann", "ben", false, 3))).isFalse();
        assertThat(blocks.take(change("ann", "cat", false, 4))).isTrue();
        assertThat(blocks.blocks("ann", "ben")).isFalse();
        assertThat(blocks.count("ann")).isZero();
        assertThat(blocks.blockedBy("ann")).isEmpty();
        assertThat(blocks.take(change("dan", "ann", false, 5))).as("never blocked").isFalse();
    }

    private static BlockChanged change(String blocker, String blocked, boolean blocking, int seconds) {
        return new BlockChanged("dm", blocker, blocked, blocking, T.plusSeconds(seconds));
    }
}
