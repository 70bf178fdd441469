package dev.chat.notifier.email;

import java.util.List;

/**
 * What one email says, ready for the templates: to whom, the conversations with their newest unread messages,
 * and the links. Every string is user text or built from it: the templates escape it.
 */
record Digest(String to, String recipientName, String subject, List<Conversation> conversations, String appUrl,
        String unsubscribeUrl) {

    record Conversation(String title, List<Line> lines, int notShown) {
    }

    record Line(String sender, String time, String text) {
    }
}
