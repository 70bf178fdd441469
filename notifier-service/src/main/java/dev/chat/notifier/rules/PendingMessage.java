package dev.chat.notifier.rules;

import java.time.Instant;

/**
 * An unread message a user may be notified of.
 *
 * @param pushable whether it may be pushed: it arrived outside the user's quiet hours and snooze (email waits
 *                 for them to end instead)
 */
public record PendingMessage(String messageId, long version, String senderId, String text, Instant sentAt,
        boolean mention, boolean pushable) {

    PendingMessage withText(String newText) {
        return new PendingMessage(messageId, version, senderId, newText, sentAt, mention, pushable);
    }
}
