package dev.chat.notifier.rules;

/** What to do with a push that is due: send it, or not (and why). */
public sealed interface PushDecision {

    /** Send {@code notice} to every push subscription of the user; one per conversation replaces the last. */
    record Send(PushNotice notice) implements PushDecision {
    }

    record Skip(String reason) implements PushDecision {
    }

    /**
     * What a push says: the conversation (its tag and topic), the newest message's sender and text (the newest
     * text if edited) and how many are unread there.
     */
    record PushNotice(String userId, String conversationId, boolean group, String messageId, String senderId,
            String text, int unread) {
    }
}
