package dev.chat.notifier.rules;

import java.time.Instant;

/**
 * A user's setting for one conversation: muted (until {@code mutedUntil}, or for good when that is null), and
 * a level that overrides the user's own (null: the user's).
 */
public record ConversationSetting(boolean muted, Instant mutedUntil, Level level) {

    public static final ConversationSetting NONE = new ConversationSetting(false, null, null);

    boolean mutedAt(Instant instant) {
        return muted && (mutedUntil == null || instant.isBefore(mutedUntil));
    }
}
