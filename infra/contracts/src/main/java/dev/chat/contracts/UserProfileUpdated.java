package dev.chat.contracts;

import java.time.Instant;
import java.util.Optional;

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

    public static final int MAX_USERNAME = 64;
    public static final int MAX_FULL_NAME = 128;

    /**
     * What makes this profile unfit to store or show, or empty: the same rules for the gateway that
     * accepts it and every consumer that reads it (a record written to the topic by other means included).
     */
    public Optional<String> problem(UrlPolicy urls) {
        if (!Ids.isValidUserId(userId)) {
            return Optional.of("userId is not a valid user id");
        }
        if (username == null || username.isBlank() || username.length() > MAX_USERNAME || hasControlCharacters(username)) {
            return Optional.of("username must be 1 to " + MAX_USERNAME + " printable characters");
        }
        if (fullName != null && (fullName.length() > MAX_FULL_NAME || hasControlCharacters(fullName))) {
            return Optional.of("fullName must be at most " + MAX_FULL_NAME + " printable characters");
        }
        return avatarUrl == null ? Optional.empty() : urls.problem("avatarUrl", avatarUrl);
    }

    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }
}
