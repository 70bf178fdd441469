package dev.chat.notifier.pending;

import java.time.Instant;

/**
 * Published when this instance wrote states with pushes due at {@code times}: the push dispatcher wakes up then
 * instead of at its next round, so due-to-sent does not wait for the polling interval. The rounds remain, for
 * states other instances wrote.
 */
public record PushesDue(java.util.SortedSet<Instant> times) {
}
