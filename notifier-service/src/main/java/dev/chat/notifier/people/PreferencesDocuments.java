package dev.chat.notifier.people;

import dev.chat.notifier.rules.ConversationSetting;
import dev.chat.notifier.rules.EmailSchedule;
import dev.chat.notifier.rules.Level;
import dev.chat.notifier.rules.Preferences;
import dev.chat.notifier.rules.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@code notify_preferences}: one document per user ({@code _id} = user id). Conversation settings are an array
 * (conversation ids hold dots, which Mongo field names must not).
 */
final class PreferencesDocuments {

    static final String COLLECTION = "notify_preferences";

    private PreferencesDocuments() {
    }

    static Document document(String userId, Preferences p) {
        return new Document("_id", userId)
                .append("email", p.email())
                .append("emailSchedule", p.emailSchedule().wire())
                .append("level", p.level().wire())
                .append("dnd", p.quietHours() == null ? null : new Document("from", p.quietHours().from().toString())
                        .append("to", p.quietHours().to().toString())
                        .append("timeZone", p.quietHours().timeZone().getId()))
                .append("snoozeUntil", p.snoozeUntil() == null ? null : Date.from(p.snoozeUntil()))
                .append("conversations", p.conversations().entrySet().stream().map(e -> new Document(
                        "conversationId", e.getKey()).append("muted", e.getValue().muted())
                        .append("mutedUntil", e.getValue().mutedUntil() == null ? null
                                : Date.from(e.getValue().mutedUntil()))
                        .append("level", e.getValue().level() == null ? null : e.getValue().level().wire())).toList());
    }

    static Preferences preferences(Document d) {
        Document dnd = d.get("dnd", Document.class);
        Map<String, ConversationSetting> conversations = new LinkedHashMap<>();
        for (Document c : d.getList("conversations", Document.class, List.of())) {
            conversations.put(c.getString("conversationId"), new ConversationSetting(c.getBoolean("muted", false),
                    instant(c.getDate("mutedUntil")), c.getString("level") == null ? null
                            : Level.parse(c.getString("level")).orElse(null)));
        }
        return new Preferences(d.getString("email"),
                EmailSchedule.parse(d.getString("emailSchedule")).orElse(EmailSchedule.AFTER_DELAY),
                Level.parse(d.getString("level")).orElse(Level.ALL),
                dnd == null ? null : new QuietHours(LocalTime.parse(dnd.getString("from")),
                        LocalTime.parse(dnd.getString("to")), ZoneId.of(dnd.getString("timeZone"))),
                instant(d.getDate("snoozeUntil")), conversations);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
