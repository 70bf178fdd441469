package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimetableTest {

    @Test
    void withoutRampEveryMessageIsDueAtTheRate() {
        Timetable timetable = Timetable.of(Duration.ofSeconds(2), 0, Duration.ofSeconds(3), 100);

        assertThat(timetable.warmupCount()).isEqualTo(200);
        assertThat(timetable.due()).hasSize(500);
        for (int k = 0; k < 500; k++) {
            assertThat(timetable.due()[k]).isCloseTo(k * 10_000_000L, within(1_000L));
        }
    }

    @Test
    void aRampSendsTheAverageOfItsEndsAndThenKeepsTheRate() {
        Timetable timetable = Timetable.of(Duration.ofSeconds(10), 100, Duration.ofSeconds(5), 1000);

        // (100 + 1000) / 2 per second over 10 s
        assertThat(timetable.warmupCount()).isCloseTo(5500, within(5));
        long[] due = timetable.due();
        long firstGap = due[1] - due[0];
        long lastWarmupGap = due[timetable.warmupCount() - 1] - due[timetable.warmupCount() - 2];
        assertThat(firstGap).isCloseTo(10_000_000L, within(100_000L));
        assertThat(lastWarmupGap).isCloseTo(1_000_000L, within(10_000L));
        assertThat(due[timetable.warmupCount()]).isEqualTo(10_000_000_000L);
        assertThat(due).hasSize(timetable.warmupCount() + 5000);
        for (int k = 1; k < due.length; k++) {
            assertThat(due[k]).isGreaterThan(due[k - 1]);
        }
    }
}
