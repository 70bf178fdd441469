package dev.chat.contracts;

import java.time.Instant;

/**
 * Whether {@code blockerId} blocks {@code blockedId} now, published to {@link Topics#BLOCKS} — compacted, keyed by
 * the pair ({@link #key()}): its latest record is the pair's block. Not on chat.events.v1, which the blocked user
 * reads: they are not told.
 *
 * @param conversationId the pair's direct conversation (whose decider decided it), existing or not
 * @param blocked        true from a block on, false once lifted
 */
public record BlockChanged(
        String conversationId,
        String blockerId,
        String blockedId,
        boolean blocked,
        Instant changedAt) {

    /** The record key: the blocker, a dot (never in a user id), the blocked user. */
    public String key() {
        return blockerId + "." + blockedId;
    }
}
