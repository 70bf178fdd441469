package dev.chat.message.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When the liveness indicator turns DOWN: decision threads that keep dying, not one that died once. */
class StreamThreadDeathsTest {

    private Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void threeDeathsWithinFiveMinutesMeanTheProcessIsStuck() {
        StreamThreadDeaths deaths = new StreamThreadDeaths(clock);
        deaths.died(new IllegalStateException("one"));
        assertThat(deaths.keepDying()).as("one death: a refused command, set aside when read again").isFalse();
        now = now.plusSeconds(15);
        deaths.died(new IllegalStateException("two"));
        now = now.plusSeconds(15);
        deaths.died(new IllegalStateException("three"));
        assertThat(deaths.keepDying()).isTrue();
        assertThat(deaths.describe()).contains("3 decision threads died").contains("three");
    }

    @Test
    void deathsFarApartAreForgotten() {
        StreamThreadDeaths deaths = new StreamThreadDeaths(clock);
        for (int i = 0; i < 5; i++) {
            deaths.died(new IllegalStateException("now and then"));
            now = now.plus(Duration.ofMinutes(3));
        }
        assertThat(deaths.keepDying()).isFalse();
    }
}
