package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** The step series: where it stops, and what a second try of a failed step changes. */
class StepRunTest {

    private static final List<Integer> RATES = List.of(100, 200, 300, 400);

    @Test
    void withOneTryTheSeriesStopsAtTheFirstStepNotSustained() {
        List<Integer> ran = new ArrayList<>();
        StepRun steps = new StepRun(RATES, 500, 1, platform(ran, rate -> rate != 200));

        List<RunResult> results = steps.execute(result -> { });

        assertThat(ran).containsExactly(100, 200);
        assertThat(steps.highestSustainable(results)).isEqualTo(100);
    }

    @Test
    void withTwoTriesAStallThatFailsOneWindowIsNotTheCeilingButARateFailedTwiceIs() {
        List<Integer> ran = new ArrayList<>();
        boolean[] stalled = {false};
        // 200 stalls once; 400 is beyond the platform every time.
        StepRun steps = new StepRun(RATES, 500, 2, platform(ran, rate -> {
            if (rate == 200 && !stalled[0]) {
                stalled[0] = true;
                return false;
            }
            return rate < 400;
        }));

        List<RunResult> results = steps.execute(result -> { });

        assertThat(ran).containsExactly(100, 200, 200, 300, 400, 400);
        assertThat(results).hasSize(6);
        assertThat(steps.highestSustainable(results)).isEqualTo(300);
    }

    @Test
    void aStepIsTriedAtLeastOnce() {
        assertThatThrownBy(() -> new StepRun(RATES, 500, 0, rate -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.parse("step", "--step-tries", "0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BenchOptions.parse("step", "--step-tries", "2").stepTries()).isEqualTo(2);
        assertThat(BenchOptions.parse("step").stepTries()).isEqualTo(1);
    }

    /** A platform that sustains the rates {@code sustains} says it does (p99 10 ms), and misses the others (2 s). */
    private static java.util.function.IntFunction<RunResult> platform(List<Integer> ran, IntPredicate sustains) {
        return rate -> {
            ran.add(rate);
            double p99 = sustains.test(rate) ? 10 : 2000;
            Latencies.Summary latency = new Latencies.Summary(1000, 5, 8, p99, p99, p99);
            return new RunResult("step", "ws", 200, 1, rate, 100, 15, "2026-12-07T12:00:00Z", rate * 15L, rate, rate,
                    rate, latency, latency, new Latencies.Summary(0, 0, 0, 0, 0, 0), 0, 0, 0, 0, 0, 0, Map.of(), null,
                    null);
        };
    }
}
