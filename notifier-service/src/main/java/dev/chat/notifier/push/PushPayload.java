package dev.chat.notifier.push;

import dev.chat.contracts.ChatJson;
import dev.chat.notifier.rules.PushDecision;

/**
 * What a push carries to the service worker: the conversation (the notification's {@code tag}, and what a click
 * opens), the sender's name, the newest text (cut at 200 characters) and the unread count. With
 * {@code CHAT_PUSH_CONTENT=none} no name and no text: ids and counts only, and the worker fetches the rest (no
 * message text through the push provider, like Matrix's {@code event_id_only}).
 */
final class PushPayload {

    static final int TEXT = 200;

    private PushPayload() {
    }

    static String of(PushDecision.PushNotice notice, String senderName, String groupName, boolean withContent) {
        var json = ChatJson.mapper().createObjectNode()
                .put("type", "message")
                .put("conversationId", notice.conversationId())
                .put("tag", notice.conversationId())
                .put("messageId", notice.messageId())
                .put("unread", notice.unread())
                .put("url", "/#conversation=" + notice.conversationId());
        if (withContent) {
            String text = notice.text() == null ? "" : notice.text();
            json.put("title", notice.group() && groupName != null ? senderName + " in " + groupName : senderName)
                    .put("body", text.length() > TEXT ? text.substring(0, TEXT - 1) + "…" : text)
                    .put("senderId", notice.senderId());
        }
        return json.toString();
    }
}
