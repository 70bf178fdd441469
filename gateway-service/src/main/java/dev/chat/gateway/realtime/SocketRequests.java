package dev.chat.gateway.realtime;

import java.util.List;

/** The data of the socket actions that are not sends, reads or typing (those have their use case's request). */
final class SocketRequests {

    private SocketRequests() {
    }

    /** {@code conversationId} is optional: every message frame carries it; without it, it is looked up. */
    record Edit(String messageId, String conversationId, String content) {
    }

    record OfMessage(String messageId, String conversationId) {
    }

    record React(String messageId, String conversationId, String emoji) {
    }

    record Report(String messageId, String conversationId, String reason, String note) {
    }

    record CreateGroup(String name, List<String> memberIds) {
    }

    record Rename(String conversationId, String name) {
    }

    record Members(String conversationId, List<String> userIds) {
    }

    record Remove(String conversationId, String userId) {
    }

    record Resume(String cursor) {
    }

    record Presence(List<String> userIds) {
    }
}
