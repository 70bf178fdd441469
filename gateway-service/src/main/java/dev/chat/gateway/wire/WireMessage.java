package dev.chat.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.contracts.Attachment;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.ReplyPreview;
import dev.chat.servicekit.readmodels.HistoryEntry;
import dev.chat.servicekit.readmodels.MessageDeliveries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message as the original Express/Mongoose API showed it, on REST and in frames alike.
 *
 * @param duplicate only on the answer to a send whose clientMessageId was sent before
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"_id", "conversation", "sender", "receiver", "content", "type", "attachments", "clientMessageId",
        "createdAt", "isRead", "readAt", "isDelivered", "version", "editedAt", "deleted", "reactions", "replyTo", "duplicate"})
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
        @JsonProperty("isDelivered") boolean isDelivered,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String editedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleted,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WireReaction> reactions,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReplyPreview replyTo,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean duplicate) {

    /** One emoji's reactions to a message: how many, and whether the user asking is among them. */
    @JsonPropertyOrder({"emoji", "count", "me"})
    public record WireReaction(String emoji, int count, boolean me) {

        static List<WireReaction> of(List<HistoryEntry.Reaction> reactions, String viewer) {
            Map<String, List<String>> byEmoji = new LinkedHashMap<>();
            reactions.forEach(r -> byEmoji.computeIfAbsent(r.emoji(), e -> new ArrayList<>()).add(r.userId()));
            return byEmoji.entrySet().stream()
                    .map(e -> new WireReaction(e.getKey(), e.getValue().size(), e.getValue().contains(viewer)))
                    .toList();
        }
    }

    /** A message just stored (not read by anyone yet). */
    public static WireMessage of(MessageSent sent) {
        return new WireMessage(sent.messageId(), sent.conversationId(), sent.senderId(), sent.recipientId(),
                sent.content(), sent.type().wireName(), sent.attachments(), sent.clientMessageId(),
                sent.sentAt().toString(), false, null, false, sent.version(), null, null, List.of(), sent.replyTo(), null);
    }

    /**
     * A message from the history read model, with its read and delivery state, edit and deletion, and reactions as
     * {@code viewer} sees them (whether they reacted).
     */
    public static WireMessage of(HistoryEntry entry, MessageDeliveries deliveries, String viewer) {
        return new WireMessage(entry.messageId(), entry.conversationId(), entry.senderId(), entry.recipientId(),
                entry.content(), entry.type(), entry.attachments(), entry.clientMessageId(), entry.sentAt().toString(),
                entry.read(), entry.readAt() == null ? null : entry.readAt().toString(), deliveries.delivered(entry),
                entry.version(),
                entry.editedAt() == null ? null : entry.editedAt().toString(), entry.deleted() ? Boolean.TRUE : null,
                WireReaction.of(entry.reactions(), viewer), entry.replyTo(), null);
    }

    /** The same message, marked as the answer to a repeated send. */
    public WireMessage asDuplicate() {
        return new WireMessage(id, conversation, sender, receiver, content, type, attachments, clientMessageId, createdAt,
                isRead, readAt, isDelivered, version, editedAt, deleted, reactions, replyTo, true);
    }
}
