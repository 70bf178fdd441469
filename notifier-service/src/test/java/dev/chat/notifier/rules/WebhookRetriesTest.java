package dev.chat.notifier.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookRetriesTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aTwoHundredIsDeliveredAndFourTenDisables() {
        assertThat(WebhookRetries.after(1, 204, T0, T0, 0.5)).isInstanceOf(WebhookRetries.Next.Delivered.class);
        assertThat(WebhookRetries.after(3, 410, T0, T0, 0.5)).isInstanceOf(WebhookRetries.Next.Disable.class);
    }

    @Test
    void retriesDoubleFromFiveSecondsWithASpreadOfTwentyPercent() {
        assertThat(WebhookRetries.after(1, 500, T0, T0, 0.5)).isEqualTo(new WebhookRetries.Next.Retry(T0.plusSeconds(5)));
        assertThat(WebhookRetries.after(2, 429, T0, T0, 0.5)).isEqualTo(new WebhookRetries.Next.Retry(T0.plusSeconds(10)));
        assertThat(WebhookRetries.after(4, 0, T0, T0, 0.5)).isEqualTo(new WebhookRetries.Next.Retry(T0.plusSeconds(40)));
        assertThat(WebhookRetries.after(1, 503, T0, T0, 0.0)).isEqualTo(new WebhookRetries.Next.Retry(T0.plusSeconds(4)));
        assertThat(WebhookRetries.after(1, 503, T0, T0, 0.999999)).isEqualTo(new WebhookRetries.Next.Retry(T0.plusSeconds(6)));
    }

    @Test
    void afterADayOfFailuresItIsADeadLetter() {
        Instant late = T0.plus(Duration.ofHours(23));
        assertThat(WebhookRetries.after(15, 500, T0, late, 0.5)).isInstanceOfSatisfying(
                WebhookRetries.Next.DeadLetter.class, dead -> assertThat(dead.reason()).contains("HTTP 500 after 15 attempts"));
        assertThat(WebhookRetries.after(40, 500, T0, T0, 0.5)).isInstanceOf(WebhookRetries.Next.Retry.class);
    }
}
