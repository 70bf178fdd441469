package dev.chat.notifier.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * What a user asked to be notified of, and how.
 *
 * @param email         where emails go; null: no email
 * @param emailSchedule when unread messages are emailed
 * @param level         which messages notify (push and email): all, mentions, none
 * @param quietHours    do-not-disturb hours; null: none
 * @param snoozeUntil   nothing notifies before this; null: not snoozed
 * @param conversations per conversation: muted, and a level of its own
 */
public record Preferences(String email, EmailSchedule emailSchedule, Level level, QuietHours quietHours,
        Instant snoozeUntil, Map<String, ConversationSetting> conversations) {

    /** A user who never said anything: every message, email after the delay if they give an address. */
    public static final Preferences DEFAULTS = new Preferences(null, EmailSchedule.AFTER_DELAY, Level.ALL, null, null,
            Map.of());

    public Preferences {
        conversations = conversations == null ? Map.of() : Map.copyOf(conversations);
    }

    /** Muted in the conversation until {@code until} (null: until unmuted). */
    public Preferences muting(String conversationId, Instant until) {
        return withSetting(conversationId, new ConversationSetting(true, until, in(conversationId).level()));
    }

    public Preferences unmuting(String conversationId) {
        return withSetting(conversationId, new ConversationSetting(false, null, in(conversationId).level()));
    }

    /** Which messages of the conversation notify the user: {@code level}, or (null) as everywhere else. */
    public Preferences withLevelIn(String conversationId, Level level) {
        ConversationSetting now = in(conversationId);
        return withSetting(conversationId, new ConversationSetting(now.muted(), now.mutedUntil(), level));
    }

    /** Emails off (the one-click unsubscribe); everything else as it was. */
    public Preferences withoutEmails() {
        return new Preferences(email, EmailSchedule.OFF, level, quietHours, snoozeUntil, conversations);
    }

    private Preferences withSetting(String conversationId, ConversationSetting setting) {
        Map<String, ConversationSetting> changed = new java.util.LinkedHashMap<>(conversations);
        if (setting.equals(ConversationSetting.NONE)) {
            changed.remove(conversationId);
        } else {
            changed.put(conversationId, setting);
        }
        return new Preferences(email, emailSchedule, level, quietHours, snoozeUntil, changed);
    }

    ConversationSetting in(String conversationId) {
        return conversations.getOrDefault(conversationId, ConversationSetting.NONE);
    }

    Level levelIn(String conversationId) {
        Level own = in(conversationId).level();
        return own != null ? own : level;
    }

    /** The user's time zone: their quiet hours' zone, UTC otherwise (digests at 08:00 there). */
    public ZoneId zone() {
        return quietHours != null ? quietHours.timeZone() : ZoneOffset.UTC;
    }

    boolean snoozedAt(Instant instant) {
        return snoozeUntil != null && instant.isBefore(snoozeUntil);
    }

    boolean quietAt(Instant instant) {
        return quietHours != null && quietHours.covers(instant);
    }

    boolean emails() {
        return email != null && emailSchedule != EmailSchedule.OFF;
    }

    /** Whether any channel reaches the user: only then is anything kept for them. */
    public boolean reachable() {
        return emails();
    }
}
