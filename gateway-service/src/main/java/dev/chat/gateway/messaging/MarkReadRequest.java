package dev.chat.gateway.messaging;

/**
 * A mark-read as the socket protocols carry it ({@code markAsRead} data, {@code chat.read} payload);
 * REST names the conversation in the path. Without {@code upToVersion}, everything so far is read.
 */
public record MarkReadRequest(String conversationId, Long upToVersion) {
}
