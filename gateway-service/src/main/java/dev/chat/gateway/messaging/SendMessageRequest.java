package dev.chat.gateway.messaging;

import dev.chat.contracts.Attachment;
import java.util.List;

/**
 * A send as every protocol carries it (REST body, {@code sendMessage} frame data, {@code chat.send}
 * payload). The recipient is named by {@code receiverId}, a direct {@code conversationId} or a group's
 * {@code conversationId}; {@code replyTo} names the message it answers. The sender is always the
 * authenticated user, never a field.
 */
public record SendMessageRequest(String receiverId, String conversationId, String content, String type,
        List<Attachment> attachments, String clientMessageId, String replyTo) {

    /** A send that answers no other message. */
    public SendMessageRequest(String receiverId, String conversationId, String content, String type,
            List<Attachment> attachments, String clientMessageId) {
        this(receiverId, conversationId, content, type, attachments, clientMessageId, null);
    }

    /**
     * This request with a clientMessageId: its own, or a new one (so that every protocol can name the send in
     * its answer, and sending it again is recognised).
     */
    public SendMessageRequest identified() {
        return clientMessageId != null && !clientMessageId.isBlank() ? this : new SendMessageRequest(receiverId,
                conversationId, content, type, attachments, java.util.UUID.randomUUID().toString(), replyTo);
    }
}
