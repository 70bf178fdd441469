package dev.chat.message.messaging;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the decider needs to know about a conversation: a left fold of its events. Version 0 means
 * the conversation does not exist yet.
 *
 * @param readUpTo          per participant, the version up to which they have read
 * @param lastMessageBy     per sender, the version of their latest message
 */
record ConversationState(
        String conversationId,
        List<String> participants,
        long version,
        Map<String, Long> readUpTo,
        Map<String, Long> lastMessageBy) {

    ConversationState {
        participants = List.copyOf(participants);
        readUpTo = Map.copyOf(readUpTo);
        lastMessageBy = Map.copyOf(lastMessageBy);
    }

    static ConversationState empty(String conversationId) {
        return new ConversationState(conversationId, List.of(), 0, Map.of(), Map.of());
    }

    static ConversationState of(String conversationId, List<? extends ChatEvent> events) {
        return empty(conversationId).applyAll(events);
    }

    boolean exists() {
        return version > 0;
    }

    boolean hasParticipant(String userId) {
        return participants.contains(userId);
    }

    long readPosition(String userId) {
        return readUpTo.getOrDefault(userId, 0L);
    }

    /** The version of the newest message someone other than {@code userId} sent; 0 if none. */
    long latestMessageNotBy(String userId) {
        return lastMessageBy.entrySet().stream()
                .filter(e -> !e.getKey().equals(userId))
                .mapToLong(Map.Entry::getValue)
                .max()
                .orElse(0L);
    }

    ConversationState applyAll(List<? extends ChatEvent> events) {
        ConversationState state = this;
        for (ChatEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    ConversationState apply(ChatEvent event) {
        if (event.version() != version + 1) {
            throw new IllegalStateException("event version " + event.version() + " does not follow " + version
                    + " in " + conversationId);
        }
        if (event instanceof ConversationStarted started) {
            return new ConversationState(conversationId, started.participants(), started.version(), readUpTo,
                    lastMessageBy);
        }
        if (event instanceof MessageSent sent) {
            return new ConversationState(conversationId, participants, sent.version(), readUpTo,
                    with(lastMessageBy, sent.senderId(), sent.version()));
        }
        MessagesRead read = (MessagesRead) event;
        return new ConversationState(conversationId, participants, read.version(),
                with(readUpTo, read.readerId(), Math.max(readPosition(read.readerId()), read.upToVersion())),
                lastMessageBy);
    }

    private static Map<String, Long> with(Map<String, Long> map, String key, long value) {
        Map<String, Long> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
