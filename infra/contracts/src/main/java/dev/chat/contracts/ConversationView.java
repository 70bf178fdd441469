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
        Map<String, Long> readUpTo) {

    public ConversationView {
        participants = List.copyOf(participants);
        // Sorted: the same view always serializes to the same bytes.
        unread = new TreeMap<>(unread);
        readUpTo = new TreeMap<>(readUpTo);
    }

    public long unreadOf(String userId) {
        return unread.getOrDefault(userId, 0L);
    }

    public long readUpToOf(String userId) {
        return readUpTo.getOrDefault(userId, 0L);
    }

    /** The preview of a conversation's newest message. */
    public record LastMessage(String messageId, String senderId, String content, MessageType type, long version,
            Instant sentAt) {
    }
}
