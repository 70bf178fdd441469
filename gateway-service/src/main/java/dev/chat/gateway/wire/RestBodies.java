package dev.chat.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.contracts.Attachment;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of the REST answers, as the original API shaped them: {@code {success: true, …}}. Errors are
 * {@code {success: false, message}} ({@link Failure}).
 */
public final class RestBodies {

    private RestBodies() {
    }

    /** Every refusal and error: 4xx for bad input, never a 500 for it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "message"})
    public record Failure(boolean success, String message) {
        public Failure(String message) {
            this(false, message);
        }
    }

    /** {@code GET /api/messages/conversations}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "conversations"})
    public record Conversations(boolean success, List<WireConversation> conversations) {
        public Conversations(List<WireConversation> conversations) {
            this(true, conversations);
        }
    }

    /** {@code GET /api/messages/conversation/:userId}: oldest first; the conversation is null if there is none. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "messages", "conversation"})
    public record History(boolean success, List<WireMessage> messages, WireConversation conversation) {
        public History(List<WireMessage> messages, WireConversation conversation) {
            this(true, messages, conversation);
        }
    }

    /** A group or conversation, as {@code /api/conversations} answers about one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "conversation"})
    public record Conversation(boolean success, WireConversation conversation) {
        public Conversation(WireConversation conversation) {
            this(true, conversation);
        }
    }

    /** An edited, deleted or reacted-to message, as it now is. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "message"})
    public record Message(boolean success, WireMessage message) {
        public Message(WireMessage message) {
            this(true, message);
        }
    }

    /** {@code GET /api/messages/unread-count}: over all the user's conversations. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "count"})
    public record UnreadCount(boolean success, long count) {
        public UnreadCount(long count) {
            this(true, count);
        }
    }

    /** {@code POST /api/messages/send}, 201: stored (or stored before, if {@code duplicate}). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "message", "duplicate"})
    public record Sent(boolean success, WireMessage message, boolean duplicate) {
        public Sent(WireMessage message, boolean duplicate) {
            this(true, message, duplicate);
        }
    }

    /** 202: accepted but not decided in time; retrying (with the same clientMessageId) is safe. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "pending", "message", "clientMessageId"})
    public record Pending(boolean success, boolean pending, String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) String clientMessageId) {
        public Pending(String message, String clientMessageId) {
            this(true, true, message, clientMessageId);
        }
    }

    /** {@code PUT /api/messages/read/:conversationId}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "message", "readUpToVersion"})
    public record Read(boolean success, String message, long readUpToVersion) {
        public Read(long readUpToVersion) {
            this(true, "Messages marked as read", readUpToVersion);
        }
    }

    /** {@code GET /api/users}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "users"})
    public record Users(boolean success, List<WireUser> users) {
        public Users(List<WireUser> users) {
            this(true, users);
        }
    }

    /** {@code PUT /api/users/me}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "user"})
    public record User(boolean success, WireUser user) {
        public User(WireUser user) {
            this(true, user);
        }
    }

    /** {@code GET /api/presence}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "presence"})
    public record Presence(boolean success, List<WirePresence> presence) {
        public Presence(List<WirePresence> presence) {
            this(true, presence);
        }
    }

    /** {@code PUT} and {@code DELETE /api/users/:id/block}: whether the user is blocked now. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "userId", "blocked"})
    public record Block(boolean success, String userId, boolean blocked) {
        public Block(String userId, boolean blocked) {
            this(true, userId, blocked);
        }
    }

    /** One person a user blocks, and since when. */
    public record BlockedUser(String userId, Instant blockedAt) {
    }

    /** {@code GET /api/users/me/blocked}: the people the user blocks, the latest first. */
    public record Blocked(boolean success, List<BlockedUser> blocked) {
        public Blocked(List<BlockedUser> blocked) {
            this(true, blocked);
        }
    }

    /** {@code POST /api/messages/:id/report}: 201 reported, 200 reported before ({@code duplicate}). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"success", "reportId", "duplicate"})
    public record Reported(boolean success, String reportId, boolean duplicate) {
        public Reported(String reportId, boolean duplicate) {
            this(true, reportId, duplicate);
        }
    }

    /** {@code POST /api/attachments}: 201 with the upload as a message will carry it. */
    public record Uploaded(boolean success, Attachment attachment) {
        public Uploaded(Attachment attachment) {
            this(true, attachment);
        }
    }

    /**
     * {@code GET /api/attachments/:id/link}: short-lived links to the file and its thumbnail (none if it has none),
     * good until {@code expiresAt}.
     */
    @JsonPropertyOrder({"success", "url", "thumbnailUrl", "expiresAt"})
    public record AttachmentLink(boolean success, String url,
            @JsonInclude(JsonInclude.Include.NON_NULL) String thumbnailUrl, String expiresAt) {
        public AttachmentLink(String url, String thumbnailUrl, String expiresAt) {
            this(true, url, thumbnailUrl, expiresAt);
        }
    }
}
