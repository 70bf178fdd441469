package dev.chat.contracts;

import java.util.List;
import java.util.Optional;

/**
 * What a group's name and a list of members must be: checked by the gateway before it publishes a command (so a
 * client is told at once, on every protocol) and by message-service, which decides (so a command written by
 * other means is held to the same rules).
 */
public final class GroupRules {

    public static final int MAX_NAME_LENGTH = 100;

    private GroupRules() {
    }

    /** Why {@code name} cannot name a group, or empty: 1 to 100 characters once stripped, no control characters. */
    public static Optional<String> nameProblem(String name) {
        String stripped = name == null ? "" : name.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length < 1 || length > MAX_NAME_LENGTH) {
            return Optional.of("a group name has 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (!Text.isPrintableName(stripped)) {
            return Optional.of("a group name cannot hold control characters (line breaks, escapes, direction overrides)"
                    + " or invalid text");
        }
        return Optional.empty();
    }

    /** Why {@code ids} (the field {@code field}) is not a list of user ids, or empty. */
    public static Optional<String> userIdsProblem(String field, List<String> ids) {
        if (ids == null) {
            return Optional.of(field + " must be a list of user ids");
        }
        for (String id : ids) {
            if (id == null) {
                return Optional.of(field + " must not hold null");
            }
            if (!Ids.isValidUserId(id)) {
                return Optional.of("'" + id + "' is not a valid user id");
            }
        }
        return Optional.empty();
    }

    /** Why {@code id} (the field {@code field}) is not a user id, or empty. */
    public static Optional<String> userIdProblem(String field, String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of(field + " is required");
        }
        return Ids.isValidUserId(id) ? Optional.empty() : Optional.of(field + " '" + id + "' is not a valid user id");
    }

    /** Why {@code conversationId} does not name a group, or empty. */
    public static Optional<String> groupIdProblem(String conversationId) {
        if (conversationId == null || conversationId.isEmpty()) {
            return Optional.of("conversationId is required");
        }
        return Ids.isGroupId(conversationId) ? Optional.empty()
                : Optional.of("conversationId must be a group's id (grp.<uuid>)");
    }
}
