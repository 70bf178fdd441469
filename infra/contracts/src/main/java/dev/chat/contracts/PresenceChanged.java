package dev.chat.contracts;

import java.time.Instant;

/**
 * A user came online (first session) or went offline (last session closed past the grace period, or
 * expired). Published to the compacted {@link Topics#PRESENCE}, keyed by user id: the latest record
 * per user is that user's presence.
 *
 * @param lastSeenAt when the user was last connected: now when online, the end of the last session when offline
 */
public record PresenceChanged(String userId, boolean online, Instant lastSeenAt, Instant changedAt) {
}
