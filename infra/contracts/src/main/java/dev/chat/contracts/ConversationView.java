package dev.chat.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A conversation as projection-service's read model has it after applying every event up to
 * {@code version}: published to the compacted {@link Topics#CONVERSATION_VIEWS}, keyed by conversation
 * id, whenever the read model changed. Gateways push it to participants ({@code conversationUpdated})
 * and wait on it to answer a command only once its effect is visible to queries.
 *
 * @param lastMessage   the newest message, or null before the first one
 * @param lastMessageAt when the last message was sent (when the conversation started, before that)
 * @param unread        per participant, messages from others after their read position
 * @param readUpTo      per participant, the version up to which they have read
 * @param name          a group's name (null for a direct conversation)
 * @param admins        a group's admins (null for a direct conversation)
 * @param joinedAt      per group member, present or former, the version from which they see the group
 *                      (null for a direct conversation: both see everything)
 * @param leftAt        per former member, the version at which they left or were removed: they keep seeing
 *                      what came before it (null if nobody left); the most recent {@link #MAX_FORMER_MEMBERS}
 * @param speakers      the members who created the conversation or wrote in it: they share their presence with
 *                      the others (null if none yet). Being put into a group, or written to, is not consent.
 */
public record ConversationView(
        String conversationId,
        long version,
        String kind,
        List<String> participants,
        Instant startedAt,
        LastMessage lastMessage,
        Instant lastMessageAt,
        Map<String, Long> unread,
        Map<String, Long> readUpTo,
        String name,
        List<String> admins,
        Map<String, Long> joinedAt,
        Map<String, Long> leftAt,
        List<String> speakers) {

    /** Former members remembered (so they keep reading what they saw): the view must stay small. */
    public static final int MAX_FORMER_MEMBERS = 1000;

    public ConversationView {
        participants = List.copyOf(participants);
        // Sorted: the same view always serializes to the same bytes.
        unread = new TreeMap<>(unread);
        readUpTo = new TreeMap<>(readUpTo);
        // Absent rather than empty: a direct conversation's view reads and writes as it always did.
        admins = admins == null || admins.isEmpty() ? null : List.copyOf(admins);
        joinedAt = joinedAt == null || joinedAt.isEmpty() ? null : new TreeMap<>(joinedAt);
        leftAt = leftAt == null || leftAt.isEmpty() ? null : new TreeMap<>(leftAt);
        speakers = speakers == null || speakers.isEmpty() ? null : List.copyOf(speakers);
    }

    /** A view without speakers (as written before there were any). */
    public ConversationView(String conversationId, long version, String kind, List<String> participants,
            Instant startedAt, LastMessage lastMessage, Instant lastMessageAt, Map<String, Long> unread,
            Map<String, Long> readUpTo, String name, List<String> admins, Map<String, Long> joinedAt,
            Map<String, Long> leftAt) {
        this(conversationId, version, kind, participants, startedAt, lastMessage, lastMessageAt, unread, readUpTo, name,
                admins, joinedAt, leftAt, null);
    }

    /** A direct conversation's view. */
    public ConversationView(String conversationId, long version, String kind, List<String> participants,
            Instant startedAt, LastMessage lastMessage, Instant lastMessageAt, Map<String, Long> unread,
            Map<String, Long> readUpTo) {
        this(conversationId, version, kind, participants, startedAt, lastMessage, lastMessageAt, unread, readUpTo, null,
                null, null, null);
    }

    /** The first version {@code userId} may see: where they (last) joined; 0 in a direct conversation. */
    public long visibleFrom(String userId) {
        return joinedAt == null ? 0 : joinedAt.getOrDefault(userId, 0L);
    }

    /** The first version {@code userId} may no longer see: where they left; all of it while a member; none if never one. */
    public long visibleUntil(String userId) {
        if (participants.contains(userId)) {
            return Long.MAX_VALUE;
        }
        return leftAt == null ? 0 : leftAt.getOrDefault(userId, 0L);
    }

    /** The last message as {@code userId} may see it: null if it was sent before they joined. */
    public LastMessage lastMessageFor(String userId) {
        return lastMessage == null || lastMessage.version() < visibleFrom(userId) ? null : lastMessage;
    }

    /** Whether {@code userId} created the conversation or wrote in it (and so shares their presence here). */
    public boolean spokeIn(String userId) {
        return speakers != null && speakers.contains(userId);
    }

    public long unreadOf(String userId) {
        return unread.getOrDefault(userId, 0L);
    }

    public long readUpToOf(String userId) {
        return readUpTo.getOrDefault(userId, 0L);
    }

    /** The preview of a conversation's newest message; {@code editedAt} if its content was edited. */
    public record LastMessage(String messageId, String senderId, String content, MessageType type, long version,
            Instant sentAt, Instant editedAt) {

        public LastMessage(String messageId, String senderId, String content, MessageType type, long version,
                Instant sentAt) {
            this(messageId, senderId, content, type, version, sentAt, null);
        }
    }
}
