package dev.chat.notifier.rules;

import java.time.Instant;

/**
 * An unread message a user may be notified of.
 *
 * @param pushable whether it may be pushed: it arrived outside the user's quiet hours and snooze (email waits
 *                 for them to end instead)
 * @param traceparent the W3C trace context of its send when that trace is sampled (the notification's span goes
 *                 on from it), else null; the rules never look at it
 */
public record PendingMessage(String messageId, long version, String senderId, String text, Instant sentAt,
        boolean mention, boolean pushable, String traceparent) {

    PendingMessage withText(String newText) {
        return new PendingMessage(messageId, version, senderId, newText, sentAt, mention, pushable, traceparent);
    }

    PendingMessage withTraceparent(String trace) {
        return new PendingMessage(messageId, version, senderId, text, sentAt, mention, pushable, trace);
    }
}
