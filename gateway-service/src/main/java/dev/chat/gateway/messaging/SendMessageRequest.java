package dev.chat.gateway.messaging;

import dev.chat.contracts.Attachment;
import java.util.List;

/**
 * A send as every protocol carries it (REST body, {@code sendMessage} frame data, {@code chat.send}
 * payload). The recipient is named by {@code receiverId} or by a direct {@code conversationId}; the
 * sender is always the authenticated user, never a field.
 */
public record SendMessageRequest(String receiverId, String conversationId, String content, String type,
        List<Attachment> attachments, String clientMessageId) {
}
