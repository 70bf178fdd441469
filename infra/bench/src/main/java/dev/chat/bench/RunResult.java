package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.util.Map;

/**
 * What one run measured. Rates are per second over the measured window; the delivery rate counts each
 * message once however many devices it reached.
 *
 * @param sent            messages sent during the window
 * @param lost            messages (warm-up included) not refused that some device never received
 * @param duplicated      deliveries of a version a device already had
 * @param reordered       deliveries of a version lower than one a device already had
 * @param refusal         from a refused send's scheduled time to its refusal (how fast the platform says no)
 * @param refused         sends the platform refused (rate limit, validation, busy, not confirmed in time)
 * @param unacked         sends neither acknowledged nor refused by the end of the drain
 * @param errors          error frames
 * @param problems        the most frequent refusal and error explanations with their counts
 * @param cpu             CPU seconds per platform process during the window; null if the platform was not found
 * @param cpuMsPerMessage the platform's CPU milliseconds per message sent in the window
 */
public record RunResult(
        String mode,
        String protocol,
        int pairs,
        int devices,
        int offeredRate,
        int contentBytes,
        double windowSeconds,
        String startedAt,
        long sent,
        double sendRate,
        double ackRate,
        double deliveryRate,
        Latencies.Summary ack,
        Latencies.Summary delivery,
        Latencies.Summary refusal,
        int lost,
        int duplicated,
        int reordered,
        int refused,
        int unacked,
        int errors,
        Map<String, Long> problems,
        ProcessCpu.Usage cpu,
        Double cpuMsPerMessage) {

    public boolean clean() {
        return lost == 0 && duplicated == 0 && reordered == 0 && refused == 0 && unacked == 0 && errors == 0;
    }

    /** Acknowledged at least 97 % of the offered rate, nothing lost, duplicated, reordered or refused, p99 in bound. */
    boolean sustainable(double p99BoundMillis) {
        // Acknowledged, not delivered: with receivers offline (--offline-share) or several devices a receiver's
        // deliveries are not the offered rate; what reaches them is judged by clean() (nothing lost).
        return clean() && ackRate >= 0.97 * offeredRate && delivery.p99() <= p99BoundMillis;
    }

    String json() {
        return ChatJson.mapper().writeValueAsString(this);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append("%s over %s: %d pairs x %d device(s), offered %d msg/s for %.0f s (content %d B)%n".formatted(
                mode, protocol, pairs, devices, offeredRate, windowSeconds, contentBytes));
        out.append("  rates     sent %.0f/s  acked %.0f/s  delivered %.0f/s%n".formatted(sendRate, ackRate, deliveryRate));
        out.append("  ack       ").append(ack.text()).append('\n');
        out.append("  delivery  ").append(delivery.text()).append('\n');
        if (refused > 0) {
            out.append("  refusal   ").append(refusal.text()).append('\n');
        }
        out.append("  checks    lost %d  duplicated %d  reordered %d  refused %d  unacked %d  errors %d%s%n".formatted(
                lost, duplicated, reordered, refused, unacked, errors, clean() ? "  (clean)" : "  (NOT CLEAN)"));
        problems.forEach((problem, count) -> out.append("            %6d x %s%n".formatted(count, problem)));
        if (cpu != null) {
            out.append("  cpu       %.2f ms per message over the platform (%.1f CPU-s in %.0f s; machine %.1f, bench %.1f)%n"
                    .formatted(cpuMsPerMessage, cpu.platform(), cpu.window(), cpu.machine(), cpu.bench()));
            for (Map.Entry<String, Double> process : cpu.perProcess().entrySet()) {
                out.append("            %-26s %6.2f CPU-s  %5.3f ms/msg%n".formatted(process.getKey(), process.getValue(),
                        sent == 0 ? 0 : process.getValue() * 1000 / sent));
            }
        } else {
            out.append("  cpu       platform processes not found (start it with the README command, or pass --platform-pid)\n");
        }
        return out.toString();
    }
}
