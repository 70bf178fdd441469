package dev.chat.notifier.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * When unread messages are emailed: a while after the first (the email delay), at the next quarter hour, at the
 * next full hour, in a daily digest (08:00 in the user's time zone), or never.
 */
public enum EmailSchedule {
    AFTER_DELAY("after-delay"), QUARTER_HOURLY("15m"), HOURLY("hourly"), DAILY("daily"), OFF("off");

    static final LocalTime DIGEST_AT = LocalTime.of(8, 0);

    private final String wire;

    EmailSchedule(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EmailSchedule> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(text)).findFirst();
    }

    /** When an email for a message first unread at {@code unreadSince} is due; empty when off. */
    Optional<Instant> due(Instant unreadSince, Duration delay, ZoneId zone) {
        ZonedDateTime at = unreadSince.atZone(zone);
        return switch (this) {
            case AFTER_DELAY -> Optional.of(unreadSince.plus(delay));
            case QUARTER_HOURLY -> Optional.of(at.truncatedTo(ChronoUnit.HOURS)
                    .plusMinutes(15L * (at.getMinute() / 15 + 1)).toInstant());
            case HOURLY -> Optional.of(at.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant());
            case DAILY -> {
                ZonedDateTime today = at.toLocalDate().atTime(DIGEST_AT).atZone(zone);
                yield Optional.of((today.isAfter(at) ? today : today.plusDays(1)).toInstant());
            }
            case OFF -> Optional.empty();
        };
    }
}
