package dev.chat.gateway.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the in-flight limit follows the pipeline: time passed in, answers and silences fed by hand. */
class InFlightLimitTest {

    private static final long MS = 1_000_000L;

    private long now = 0;
    private final InFlightLimit limit = new InFlightLimit(20, 1000, Duration.ofSeconds(1), Duration.ofMillis(100), now);

    /** For {@code seconds}: {@code perSecond} answers a second, each {@code waitedMs} late, {@code inFlight} waiting. */
    private void answers(int perSecond, double seconds, long waitedMs, int inFlight) {
        long gap = 1_000_000_000L / perSecond;
        for (long i = 0; i < perSecond * seconds; i++) {
            now += gap;
            limit.admitted(inFlight);
            limit.answered(waitedMs * MS, now);
        }
    }

    @Test
    void itStartsOpenAndStaysSoWhileAnswersComeWithinTheTarget() {
        assertThat(limit.limit()).isEqualTo(1000);
        answers(1500, 5, 900, 1000);
        assertThat(limit.limit()).isEqualTo(1000);
    }

    @Test
    void aHiccupOfAFewHundredMillisecondsIsAbsorbed() {
        answers(1000, 2, 30, 30);
        answers(1000, 0.3, 2500, 1000);
        answers(1000, 2, 30, 30);
        assertThat(limit.limit()).isEqualTo(1000);
    }

    @Test
    void answersThatStaySlowerThanTheTargetHalveItWithinTwoSecondsAndShrinkItToItsFloor() {
        answers(1000, 2, 3000, 1000);
        assertThat(limit.limit()).isLessThan(500);
        answers(1000, 10, 3000, 1000);
        assertThat(limit.limit()).isEqualTo(20);
    }

    @Test
    void silenceHalvesItAtMostOnceASecond() {
        for (int i = 0; i < 100; i++) {
            now += 5 * MS;
            limit.unanswered(now);
        }
        assertThat(limit.limit()).isEqualTo(500);
        now += 1000 * MS;
        limit.unanswered(now);
        assertThat(limit.limit()).isEqualTo(250);
    }

    @Test
    void withinTheTargetItGrowsWhileUsedAndOpensQuicklyWhenAnswersAreQuick() {
        answers(100, 10, 3000, 1000);
        assertThat(limit.limit()).isEqualTo(20);
        // Near the target (0.8 s), few waiting: no reason to open up.
        answers(100, 5, 800, 2);
        assertThat(limit.limit()).isEqualTo(20);
        // Near the target with the window in use: it grows.
        answers(100, 2, 800, 20);
        assertThat(limit.limit()).isBetween(30, 100);
        // Quick answers: open again within seconds, however few wait (a rising load must not meet a small window).
        long before = now;
        while (limit.limit() < 1000) {
            answers(100, 0.1, 20, 2);
        }
        assertThat(now - before).isLessThan(12_000 * MS);
    }
}
