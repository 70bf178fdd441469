package dev.chat.notifier.pending;

import java.time.Instant;

/**
 * Published when this instance wrote states with a push due at {@code earliest} (the earliest of them): the push
 * dispatcher wakes up then instead of at its next round, so due-to-sent does not wait for the polling interval.
 * The rounds remain, for states other instances wrote.
 */
public record PushesDue(Instant earliest) {
}
