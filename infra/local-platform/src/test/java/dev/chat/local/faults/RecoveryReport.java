package dev.chat.local.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Time to recover from each fault, as a Markdown table for the test log and {@code target/fault-suite.md}. */
public final class RecoveryReport {

    /**
     * @param flowing     from the fault until every conversation had everything sent before it, and a
     *                    message sent after it, acknowledged and delivered
     * @param readModels  from the end of the fault until the read models showed every message acknowledged
     *                    by then
     * @param instanceBack from a kill until the supervisor's restart answered healthy (null: not a kill)
     */
    public record Row(String fault, Duration flowing, Duration readModels, Duration instanceBack) {
    }

    private final List<Row> rows = new ArrayList<>();

    public synchronized void add(Row row) {
        rows.add(row);
    }

    public synchronized String markdown(FaultProfile profile, int sent, int resent, int resumes, int errors) {
        StringBuilder out = new StringBuilder();
        out.append("Fault suite, ").append(profile.name()).append(" profile: ").append(profile.pairs())
                .append(" conversations, ").append(profile.messagesPerSecond()).append(" msg/s; ")
                .append(sent).append(" messages sent, ").append(resent).append(" re-sent, ")
                .append(resumes).append(" resumes, ").append(errors).append(" error frames\n\n")
                .append("| fault | flowing again after | read models caught up after | instance back after |\n")
                .append("|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.fault()).append(" | ").append(seconds(row.flowing())).append(" | ")
                    .append(seconds(row.readModels())).append(" | ")
                    .append(row.instanceBack() == null ? "–" : seconds(row.instanceBack())).append(" |\n");
        }
        return out.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
