package dev.chat.contracts;

import java.time.Instant;

/**
 * A user's public profile, published to the compacted {@link Topics#USERS} topic keyed by user id;
 * the latest record per key is the profile. A tombstone (null value) deletes it.
 */
public record UserProfileUpdated(
        String userId,
        String username,
        String fullName,
        String avatarUrl,
        Instant updatedAt) {
}
