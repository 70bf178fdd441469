package dev.chat.gateway.users;

import dev.chat.contracts.UrlPolicy;
import dev.chat.contracts.UserProfileUpdated;
import dev.chat.gateway.commands.Refusal;
import java.util.Locale;
import java.util.Optional;

/**
 * What a profile update asks for, applied to the profile as it stands: a field left out (or null) keeps
 * its value, an empty string clears {@code fullName} or {@code avatarUrl}, and a blank username means the
 * user's id. Pure: the current profile and the request in, the new profile or a refusal out.
 *
 * @param username  the new username, or null to keep it
 * @param fullName  the new full name, "" to clear it, or null to keep it
 * @param avatarUrl the new avatar URL ({@code https}), "" to clear it, or null to keep it
 */
record ProfileChange(String username, String fullName, String avatarUrl) {

    /** A profile as the gateway keeps it; {@link #usernameKey()} is what must be unique. */
    record Profile(String userId, String username, String fullName, String avatarUrl) {

        static Profile initial(String userId) {
            return new Profile(userId, userId, null, null);
        }

        /** Usernames are unique regardless of case: "Alice" and "alice" are the same name. */
        String usernameKey() {
            return username.toLowerCase(Locale.ROOT);
        }
    }

    /** The profile after this change, or why it cannot be made. */
    Result applyTo(Profile current, UrlPolicy urls) {
        String newUsername = username == null ? current.username()
                : username.isBlank() ? current.userId() : username.strip();
        String newFullName = fullName == null ? current.fullName() : emptyToNull(fullName.strip());
        String newAvatar = avatarUrl == null ? current.avatarUrl() : emptyToNull(avatarUrl.strip());
        Optional<String> problem = new UserProfileUpdated(current.userId(), newUsername, newFullName, newAvatar, null)
                .problem(urls);
        return problem.isPresent() ? Result.refused(problem.get())
                : new Result(new Profile(current.userId(), newUsername, newFullName, newAvatar), null);
    }

    /** Either the new profile or a refusal. */
    record Result(Profile profile, Refusal refusal) {

        static Result refused(String reason) {
            return new Result(null, Refusal.invalid(reason));
        }
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
