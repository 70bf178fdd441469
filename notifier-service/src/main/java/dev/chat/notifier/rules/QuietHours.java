package dev.chat.notifier.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Do-not-disturb hours, in the user's time zone: from {@code from} to {@code to}, across midnight when
 * {@code to} is earlier (22:00–07:00). Equal times mean none.
 */
public record QuietHours(LocalTime from, LocalTime to, ZoneId timeZone) {

    public boolean covers(Instant instant) {
        LocalTime local = instant.atZone(timeZone).toLocalTime();
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to) ? !local.isBefore(from) && local.isBefore(to)
                : !local.isBefore(from) || local.isBefore(to);
    }

    /** When the quiet hours covering {@code instant} end (the instant itself when they do not cover it). */
    public Instant endAfter(Instant instant) {
        if (!covers(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(timeZone);
        ZonedDateTime end = local.toLocalDate().atTime(to).atZone(timeZone);
        return (end.isAfter(local) ? end : end.plusDays(1)).toInstant();
    }
}
