package dev.chat.gateway.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.gateway.wire.WireConversation;
import dev.chat.gateway.wire.WireMessage;
import dev.chat.gateway.wire.WirePresence;

/**
 * Every frame the server sends, on {@code /ws}, the RSocket event stream and Socket.IO alike, made in one place with
 * typed data — an event of the log named and filled by {@link EventFrames}. The README's frame table lists them;
 * golden JSON tests pin each shape.
 */
final class Frames {

    private Frames() {
    }

    /**
     * {@code messageDelivered}: {@code userId}'s devices got every message up to {@code upToVersion} that others
     * sent, {@code messageId} the last of them.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"messageId", "conversationId", "userId", "upToVersion", "deliveredAt"})
    record Delivered(String messageId, String conversationId, String userId, long upToVersion, String deliveredAt) {
    }

    /** {@code conversationUpdated}: a conversation's last message and the reader's own unread count. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"conversationId", "lastMessage", "unreadCount", "version"})
    record ConversationUpdate(String conversationId, WireConversation.LastMessage lastMessage, long unreadCount,
            long version) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"conversationId", "userId"})
    record Typist(String conversationId, String userId) {
    }

    /** {@code ready}: the stream is live; {@code replayed} frames came from the log before it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"sessionId", "userId", "replayed"})
    record Ready(String sessionId, String userId, int replayed) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Reload(String reason) {
    }

    /**
     * {@code reconnect}: the server is going away (a gateway stopping); connect again — to any gateway — after
     * {@code retryAfterMs} (spread at random over the clients), resuming from the frame's cursor.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"reason", "retryAfterMs"})
    record Reconnect(String reason, long retryAfterMs) {
    }

    /**
     * {@code messageError}: a send that was not stored, whether sending it again later may work, and — over a
     * budget or while the platform is busy — in how many seconds.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"clientMessageId", "message", "retryable", "retryAfter"})
    record MessageError(String clientMessageId, String message, boolean retryable,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter) {
    }

    /**
     * {@code error}: a frame that could not be served, which event it was if known, and — over a budget — in how
     * many seconds the same frame will be taken.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"message", "event", "retryAfter"})
    record FrameError(String message, @JsonInclude(JsonInclude.Include.NON_NULL) String event,
            @JsonInclude(JsonInclude.Include.NON_NULL) Long retryAfter) {
    }

    /** An event of the log as {@link EventFrames} names it and its data, with the cursor after it. */
    static Frame logged(String event, Frame.Json data, String cursor) {
        return new Frame(event, data, cursor);
    }

    static Frame delivered(String conversationId, MessagesDelivered.Delivery delivery) {
        return Frame.of("messageDelivered", new Delivered(delivery.messageId(), conversationId, delivery.userId(),
                delivery.upToVersion(), delivery.deliveredAt().toString()));
    }

    /** The answer to a repeated send: the original message, marked. */
    static Frame duplicateSent(WireMessage original) {
        return Frame.of("messageSent", original.asDuplicate());
    }

    static Frame messageError(String clientMessageId, String message, boolean retryable) {
        return messageError(clientMessageId, message, retryable, null);
    }

    static Frame messageError(String clientMessageId, String message, boolean retryable, Long retryAfterSeconds) {
        return Frame.of("messageError", new MessageError(clientMessageId, message, retryable, retryAfterSeconds));
    }

    static Frame error(String message, String event) {
        return error(message, event, null);
    }

    static Frame error(String message, String event, Long retryAfterSeconds) {
        return Frame.of("error", new FrameError(message, event, retryAfterSeconds));
    }

    static Frame ready(String sessionId, String userId, int replayed, String cursor) {
        return new Frame("ready", new Ready(sessionId, userId, replayed), cursor);
    }

    static Frame reload(String reason) {
        return Frame.of("reload", new Reload(reason));
    }

    static Frame reconnect(String reason, long retryAfterMs, String cursor) {
        return new Frame("reconnect", new Reconnect(reason, retryAfterMs), cursor);
    }

    static Frame presence(WirePresence presence) {
        return Frame.of("presence", presence);
    }

    static Frame typing(boolean typingNow, String conversationId, String userId) {
        return Frame.of(typingNow ? "userTyping" : "userStoppedTyping", new Typist(conversationId, userId));
    }

    /** Encoded once per participant: each sees their own unread count. */
    static Frame conversationUpdated(String conversationId, WireConversation.LastMessage lastMessage, long unreadCount,
            long version) {
        return Frame.of("conversationUpdated", Frame.Json.of(new ConversationUpdate(conversationId, lastMessage,
                unreadCount, version)));
    }
}
