package dev.chat.gateway.messaging;

import dev.chat.contracts.MessageSent;
import java.util.LinkedHashMap;
import java.util.Map;

/** A message as the original Express/Mongoose API returned it. */
public final class ApiMessage {

    private ApiMessage() {
    }

    public static Map<String, Object> of(MessageSent sent, boolean isRead, Object readAt) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("_id", sent.messageId());
        message.put("conversation", sent.conversationId());
        message.put("sender", sent.senderId());
        message.put("receiver", sent.recipientId());
        message.put("content", sent.content());
        message.put("type", sent.type().wireName());
        message.put("attachments", sent.attachments());
        message.put("clientMessageId", sent.clientMessageId());
        message.put("createdAt", sent.sentAt().toString());
        message.put("isRead", isRead);
        message.put("readAt", readAt);
        message.put("version", sent.version());
        return message;
    }
}
