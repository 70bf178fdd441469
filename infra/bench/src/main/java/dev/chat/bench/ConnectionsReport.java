package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.util.List;
import java.util.Map;

/**
 * A connections run, for people and for files: per checkpoint the sessions held, starts per second, connect-to-ready
 * percentiles, CPU per start and the gateways' footprint; then the memory per session as the least-squares slope
 * of the footprint against the sessions held (RSS, live heap, kernel TCP memory), the failures by reason and what
 * was dropped while held; and, if asked for, the probes' message and presence times ({@link DeliveryProbe}).
 */
record ConnectionsReport(ConnectionOptions options, List<ConnectionsRun.Checkpoint> checkpoints,
        Latencies.Summary connectToReady, Map<String, Long> failures, long droppedWhileHeld,
        DeliveryProbe.Result probe) {

    boolean clean() {
        return failures.isEmpty() && droppedWhileHeld == 0
                && (probe == null || probe.missingMessages() == 0 && probe.missingPresence() == 0);
    }

    /** Bytes per session held: the slope of {@code y} against the sessions held over the checkpoints. */
    double slope(java.util.function.ToLongFunction<Footprint> y) {
        List<ConnectionsRun.Checkpoint> measured = checkpoints.stream().filter(c -> c.footprint() != null).toList();
        if (measured.size() < 2) {
            return 0;
        }
        double n = measured.size();
        double meanX = measured.stream().mapToDouble(ConnectionsRun.Checkpoint::held).sum() / n;
        double meanY = measured.stream().mapToDouble(c -> y.applyAsLong(c.footprint())).sum() / n;
        double covariance = 0;
        double variance = 0;
        for (ConnectionsRun.Checkpoint c : measured) {
            covariance += (c.held() - meanX) * (y.applyAsLong(c.footprint()) - meanY);
            variance += (c.held() - meanX) * (c.held() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance;
    }

    static String line(ConnectionsRun.Checkpoint c) {
        StringBuilder line = new StringBuilder("  held %6d".formatted(c.held()));
        if (c.startedInPhase() > 0) {
            line.append("  started %d at %.0f/s  connect→ready %s".formatted(c.startedInPhase(), c.startsPerSecond(),
                    c.connectToReady().text()));
            if (c.cpu() != null) {
                line.append("  cpu %.2f ms/start (gateway %.2f)".formatted(c.cpu().platform() * 1000 / c.startedInPhase(),
                        gatewayCpu(c) * 1000 / c.startedInPhase()));
            }
        }
        if (c.footprint() != null) {
            line.append("  gateway RSS %.0f MB, live heap %.0f MB, kernel TCP %.1f MB".formatted(
                    c.footprint().rss() / 1e6, c.footprint().liveHeap() / 1e6, c.footprint().kernelTcpBytes() / 1e6));
        }
        return line.toString();
    }

    private static double gatewayCpu(ConnectionsRun.Checkpoint c) {
        return c.cpu().perProcess().entrySet().stream().filter(e -> e.getKey().startsWith("gateway-service"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    String text() {
        StringBuilder text = new StringBuilder();
        text.append("connections over %s: %d sessions offered at %d/s to %s from %d generator(s), %d source address(es)%n"
                .formatted(options.protocol(), options.sessions(), options.rate(), options.gateways(),
                        options.generators(), options.sourceAddresses()));
        checkpoints.forEach(c -> text.append(line(c)).append(System.lineSeparator()));
        text.append("  connect→ready  %s%n".formatted(connectToReady.text()));
        text.append("  per session    RSS %.1f KB  live heap %.1f KB  kernel TCP %.1f KB  (slopes over the checkpoints)%n"
                .formatted(slope(Footprint::rss) / 1024, slope(Footprint::liveHeap) / 1024,
                        slope(Footprint::kernelTcpBytes) / 1024));
        if (probe != null) {
            text.append(probe.text());
        }
        text.append("  checks         failed %d%s  dropped while held %d  (%s)%n".formatted(
                failures.values().stream().mapToLong(Long::longValue).sum(), failures.isEmpty() ? "" : " " + failures,
                droppedWhileHeld, clean() ? "clean" : "NOT CLEAN"));
        return text.toString();
    }

    String json() {
        var root = ChatJson.mapper().createObjectNode()
                .put("mode", "connections").put("protocol", options.protocol()).put("sessions", options.sessions())
                .put("rate", options.rate()).put("generators", options.generators())
                .put("gateways", options.gateways().size())
                .put("rssPerSession", slope(Footprint::rss)).put("liveHeapPerSession", slope(Footprint::liveHeap))
                .put("kernelTcpPerSession", slope(Footprint::kernelTcpBytes))
                .put("droppedWhileHeld", droppedWhileHeld);
        root.set("connectToReady", ChatJson.mapper().valueToTree(connectToReady));
        root.set("failures", ChatJson.mapper().valueToTree(failures));
        root.set("checkpoints", ChatJson.mapper().valueToTree(checkpoints));
        if (probe != null) {
            root.set("probe", ChatJson.mapper().valueToTree(probe));
        }
        return root.toString();
    }
}
