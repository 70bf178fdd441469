package dev.chat.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.contracts.ConversationKind;
import dev.chat.contracts.ConversationView;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A conversation as the original API's list showed it, with every participant's unread count. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"_id", "participants", "lastMessage", "lastMessageAt", "unreadCount", "version", "isGroup", "name",
        "admins", "readUpTo"})
public record WireConversation(
        @JsonProperty("_id") String id,
        List<WireUser> participants,
        LastMessage lastMessage,
        String lastMessageAt,
        Map<String, Long> unreadCount,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean isGroup,
        @JsonInclude(JsonInclude.Include.NON_NULL) String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> admins,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> readUpTo) {

    /** The last message as the conversation list shows it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"_id", "content", "sender", "createdAt"})
    public record LastMessage(@JsonProperty("_id") String id, String content, String sender, String createdAt) {

        /** Null for a conversation without messages. */
        public static LastMessage of(ConversationView.LastMessage last) {
            return last == null ? null
                    : new LastMessage(last.messageId(), last.content(), last.senderId(), last.sentAt().toString());
        }
    }

    /** The conversation as {@code viewer} sees it: no last message from before they joined. */
    public static WireConversation of(ConversationView view, Map<String, UserProfileView> profiles, String viewer) {
        boolean group = ConversationKind.isGroup(view.kind());
        return new WireConversation(view.conversationId(),
                view.participants().stream().map(id -> WireUser.of(id, profiles.get(id))).toList(),
                LastMessage.of(view.lastMessageFor(viewer)), view.lastMessageAt().toString(), new TreeMap<>(view.unread()),
                view.version(), group ? Boolean.TRUE : null, view.name(), view.admins(),
                // A group's read receipts: who has read up to which version.
                group ? new TreeMap<>(view.readUpTo()) : null);
    }
}
