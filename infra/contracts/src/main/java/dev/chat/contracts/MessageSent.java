package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A message was accepted and stored. Carries everything a downstream consumer (analytics, email or
 * push notifier) needs without a lookup; {@code replyTo} quotes the message it answers, if any.
 */
public record MessageSent(
        String messageId,
        String conversationId,
        long version,
        String senderId,
        List<String> participants,
        String clientMessageId,
        String content,
        MessageType type,
        List<Attachment> attachments,
        Instant sentAt,
        ReplyPreview replyTo) implements ChatEvent {

    public MessageSent {
        participants = List.copyOf(participants);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message that answers none. */
    public MessageSent(String messageId, String conversationId, long version, String senderId,
            List<String> participants, String clientMessageId, String content, MessageType type,
            List<Attachment> attachments, Instant sentAt) {
        this(messageId, conversationId, version, senderId, participants, clientMessageId, content, type, attachments,
                sentAt, null);
    }

    @Override
    public Instant occurredAt() {
        return sentAt;
    }

    /** In a direct conversation, the participant who is not the sender; null in a group (it has members). */
    public String recipientId() {
        if (Ids.directParticipants(conversationId).isEmpty()) {
            return null;
        }
        return participants.stream().filter(p -> !p.equals(senderId)).findFirst().orElse(senderId);
    }
}
