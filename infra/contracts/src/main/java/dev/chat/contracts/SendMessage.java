package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Send a message in a conversation. {@code recipientId} is needed only to start a direct
 * conversation; {@code type} stays a string so an unknown type is a rejection, not a poison record.
 * {@code replyTo}, if set, is the id of the message of the same conversation this one answers.
 */
public record SendMessage(
        String commandId,
        String conversationId,
        String senderId,
        String recipientId,
        String clientMessageId,
        String content,
        String type,
        List<Attachment> attachments,
        Instant issuedAt,
        String replyTo) implements ChatCommand {

    public SendMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message that answers none. */
    public SendMessage(String commandId, String conversationId, String senderId, String recipientId,
            String clientMessageId, String content, String type, List<Attachment> attachments, Instant issuedAt) {
        this(commandId, conversationId, senderId, recipientId, clientMessageId, content, type, attachments, issuedAt,
                null);
    }

    @Override
    public String issuedBy() {
        return senderId;
    }
}
