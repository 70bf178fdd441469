package dev.chat.notifier.api;

import dev.chat.notifier.api.Answers.Invalid;

import dev.chat.notifier.rules.EmailSchedule;
import dev.chat.notifier.rules.Level;
import dev.chat.notifier.rules.Preferences;
import dev.chat.notifier.rules.QuietHours;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A {@code PUT /api/notifications/preferences} body read into a change: the fields given are changed (null
 * clears {@code email}, {@code dnd} and {@code snoozeUntil}), the others kept. Every field is checked before
 * anything is changed, so a bad one changes nothing.
 */
final class PreferencesChange {

    static final List<String> FIELDS = List.of("email", "emailNotifications", "push", "dnd", "snoozeUntil");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]{1,189}\\.[^@\\s<>\".]{1,63}");

    private PreferencesChange() {
    }

    /** {@code current} with the body's fields applied; {@link Invalid} names the first bad field. */
    static Preferences apply(Preferences current, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Invalid("the body must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new Invalid("unknown field '" + name + "'; known: " + String.join(", ", FIELDS));
            }
        }
        String email = body.has("email") ? email(body.get("email")) : current.email();
        EmailSchedule schedule = body.has("emailNotifications")
                ? EmailSchedule.parse(body.get("emailNotifications").asString(null)).orElseThrow(() -> new Invalid(
                        "emailNotifications must be one of after-delay, 15m, hourly, daily, off"))
                : current.emailSchedule();
        Level level = body.has("push") ? Level.parse(body.get("push").asString(null)).orElseThrow(() ->
                new Invalid("push must be one of all, mentions, none")) : current.level();
        QuietHours dnd = body.has("dnd") ? quietHours(body.get("dnd")) : current.quietHours();
        Instant snooze = body.has("snoozeUntil") ? instant(body.get("snoozeUntil")) : current.snoozeUntil();
        return new Preferences(email, schedule, level, dnd, snooze, current.conversations());
    }

    private static String email(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        String text = value.isString() ? value.asString().trim() : "";
        if (text.length() > 254 || !EMAIL.matcher(text).matches()) {
            throw new Invalid("email must be an email address");
        }
        return text;
    }

    private static QuietHours quietHours(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new Invalid("dnd must be {from, to, timeZone} or null");
        }
        try {
            return new QuietHours(LocalTime.parse(value.path("from").asString("")),
                    LocalTime.parse(value.path("to").asString("")), ZoneId.of(value.path("timeZone").asString("")));
        } catch (DateTimeParseException e) {
            throw new Invalid("dnd.from and dnd.to must be times like 22:00");
        } catch (DateTimeException e) {
            throw new Invalid("dnd.timeZone must be a time zone like Europe/Berlin");
        }
    }

    static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Instant.parse(value.asString(""));
        } catch (DateTimeParseException e) {
            throw new Invalid("a time must be ISO-8601, like 2026-12-24T18:00:00Z");
        }
    }
}
