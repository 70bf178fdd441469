package dev.chat.notifier.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.notifier.rules.Preferences;
import java.time.Instant;
import java.util.List;

/** What {@code GET /api/notifications/preferences} shows (the email address to its owner only: the caller). */
@JsonPropertyOrder({"email", "emailNotifications", "push", "dnd", "snoozeUntil", "mutedConversations",
        "conversationLevels"})
record PreferencesBody(String email, String emailNotifications, String push, Dnd dnd, Instant snoozeUntil,
        List<Muted> mutedConversations, List<ConversationLevel> conversationLevels) {

    @JsonPropertyOrder({"from", "to", "timeZone"})
    record Dnd(String from, String to, String timeZone) {
    }

    @JsonPropertyOrder({"conversationId", "until"})
    record Muted(String conversationId, Instant until) {
    }

    /** A conversation with a level of its own. */
    @JsonPropertyOrder({"conversationId", "push"})
    record ConversationLevel(String conversationId, String push) {
    }

    static PreferencesBody of(Preferences p) {
        return new PreferencesBody(p.email(), p.emailSchedule().wire(), p.level().wire(),
                p.quietHours() == null ? null : new Dnd(p.quietHours().from().toString(),
                        p.quietHours().to().toString(), p.quietHours().timeZone().getId()),
                p.snoozeUntil(),
                p.conversations().entrySet().stream().filter(e -> e.getValue().muted())
                        .map(e -> new Muted(e.getKey(), e.getValue().mutedUntil())).toList(),
                p.conversations().entrySet().stream().filter(e -> e.getValue().level() != null)
                        .map(e -> new ConversationLevel(e.getKey(), e.getValue().level().wire())).toList());
    }
}
