package dev.chat.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.contracts.Attachment;
import dev.chat.contracts.MessageSent;
import dev.chat.servicekit.readmodels.HistoryEntry;
import java.util.List;

/**
 * A message as the original Express/Mongoose API showed it, on REST and in frames alike.
 *
 * @param duplicate only on the answer to a send whose clientMessageId was sent before
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"_id", "conversation", "sender", "receiver", "content", "type", "attachments", "clientMessageId",
        "createdAt", "isRead", "readAt", "version", "duplicate"})
public record WireMessage(
        @JsonProperty("_id") String id,
        String conversation,
        String sender,
        String receiver,
        String content,
        String type,
        List<Attachment> attachments,
        String clientMessageId,
        String createdAt,
        @JsonProperty("isRead") boolean isRead,
        String readAt,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean duplicate) {

    /** A message just stored (not read by anyone yet). */
    public static WireMessage of(MessageSent sent) {
        return new WireMessage(sent.messageId(), sent.conversationId(), sent.senderId(), sent.recipientId(),
                sent.content(), sent.type().wireName(), sent.attachments(), sent.clientMessageId(),
                sent.sentAt().toString(), false, null, sent.version(), null);
    }

    /** A message from the history read model, with its read state. */
    public static WireMessage of(HistoryEntry entry) {
        return new WireMessage(entry.messageId(), entry.conversationId(), entry.senderId(), entry.recipientId(),
                entry.content(), entry.type(), entry.attachments(), entry.clientMessageId(), entry.sentAt().toString(),
                entry.read(), entry.readAt() == null ? null : entry.readAt().toString(), entry.version(), null);
    }

    /** The same message, marked as the answer to a repeated send. */
    public WireMessage asDuplicate() {
        return new WireMessage(id, conversation, sender, receiver, content, type, attachments, clientMessageId, createdAt,
                isRead, readAt, version, true);
    }
}
