package dev.chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Finds the highest sustainable rate: runs the given rates in order and stops after the first step that
 * is not sustainable (acknowledged under 97 % of offered, anything lost, duplicated, reordered or refused,
 * or delivery p99 over the bound) in any of its {@code tries}. More than one try tells a rate the platform cannot
 * keep up with (it fails every time) from a stall of a shared machine that fails one window of 15 seconds.
 */
final class StepRun {

    private final List<Integer> rates;
    private final double p99BoundMillis;
    private final int tries;
    private final IntFunction<RunResult> runAt;

    StepRun(List<Integer> rates, double p99BoundMillis, int tries, IntFunction<RunResult> runAt) {
        if (tries < 1) {
            throw new IllegalArgumentException("a step is tried at least once");
        }
        this.rates = List.copyOf(rates);
        this.p99BoundMillis = p99BoundMillis;
        this.tries = tries;
        this.runAt = runAt;
    }

    List<RunResult> execute(java.util.function.Consumer<RunResult> onStep) {
        List<RunResult> results = new ArrayList<>();
        for (int rate : rates) {
            boolean sustained = false;
            for (int attempt = 0; attempt < tries && !sustained; attempt++) {
                RunResult result = runAt.apply(rate);
                results.add(result);
                onStep.accept(result);
                sustained = result.sustainable(p99BoundMillis);
            }
            if (!sustained) {
                break;
            }
        }
        return results;
    }

    /** The highest offered rate that was sustainable, 0 if none. */
    int highestSustainable(List<RunResult> results) {
        return results.stream().filter(r -> r.sustainable(p99BoundMillis)).mapToInt(RunResult::offeredRate).max().orElse(0);
    }

    String table(List<RunResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("| offered msg/s | delivered msg/s | ack p50 | delivery p50 | p90 | p99 | p99.9 | max | lost/dup/reord/refused | CPU ms/msg | sustainable |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (RunResult r : results) {
            Latencies.Summary d = r.delivery();
            out.append("| %d | %.0f | %s | %s | %s | %s | %s | %s | %d/%d/%d/%d | %s | %s |%n".formatted(
                    r.offeredRate(), r.deliveryRate(), Latencies.Summary.ms(r.ack().p50()), Latencies.Summary.ms(d.p50()),
                    Latencies.Summary.ms(d.p90()), Latencies.Summary.ms(d.p99()), Latencies.Summary.ms(d.p999()),
                    Latencies.Summary.ms(d.max()), r.lost(), r.duplicated(), r.reordered(), r.refused(),
                    r.cpuMsPerMessage() == null ? "–" : "%.2f".formatted(r.cpuMsPerMessage()),
                    r.sustainable(p99BoundMillis) ? "yes" : "no"));
        }
        return out.toString();
    }
}
