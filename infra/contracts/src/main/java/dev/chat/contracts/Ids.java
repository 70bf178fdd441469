package dev.chat.contracts;

import java.util.List;
import java.util.regex.Pattern;

/** Identifier rules shared by every service. */
public final class Ids {

    /** User ids are opaque tokens safe to use as JSON/Mongo keys: no dots, no dollars, no spaces. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Message ids are message-service's (ObjectId hex); imported ones may be any such token. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String DIRECT_PREFIX = "dm.";
    private static final String GROUP_PREFIX = "grp.";
    private static final Pattern GROUP_ID = Pattern.compile("grp\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ids() {
    }

    public static boolean isValidUserId(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }

    public static boolean isValidMessageId(String id) {
        return id != null && MESSAGE_ID.matcher(id).matches();
    }

    /** A direct conversation's id (canonical) or a group's. */
    public static boolean isConversationId(String id) {
        return isGroupId(id) || !directParticipants(id).isEmpty();
    }

    /**
     * A direct conversation's id is derived from its two participants (order-independent), so both
     * sides always land in the same conversation and on the same Kafka partition.
     */
    public static String directConversationId(String userA, String userB) {
        if (!isValidUserId(userA) || !isValidUserId(userB)) {
            throw new IllegalArgumentException("invalid user id");
        }
        return userA.compareTo(userB) <= 0
                ? DIRECT_PREFIX + userA + "." + userB
                : DIRECT_PREFIX + userB + "." + userA;
    }

    /** A new group's id: {@code grp.} and a random UUID. */
    public static String newGroupId() {
        return GROUP_PREFIX + java.util.UUID.randomUUID();
    }

    /** Whether the id is a group's ({@code grp.<uuid>}, lower case). */
    public static boolean isGroupId(String conversationId) {
        return conversationId != null && GROUP_ID.matcher(conversationId).matches();
    }

    /** The two participants of a direct conversation id, sorted; empty if the id is not a direct one. */
    public static List<String> directParticipants(String conversationId) {
        if (conversationId == null || !conversationId.startsWith(DIRECT_PREFIX)) {
            return List.of();
        }
        String[] parts = conversationId.substring(DIRECT_PREFIX.length()).split("\\.", -1);
        if (parts.length != 2 || !isValidUserId(parts[0]) || !isValidUserId(parts[1])
                || parts[0].compareTo(parts[1]) > 0) {
            return List.of();
        }
        return List.of(parts[0], parts[1]);
    }
}
