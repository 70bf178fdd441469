package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A long run at a steady rate, as consecutive measured intervals (each a load run of its own: fresh users,
 * a short warm-up, then {@code interval} measured), recording after each what a leak or a backlog would
 * show: latency, losses, each service's heap after the interval (in use, and live after the last
 * collection), the largest consumer lag and the projection's lag, read from the services'
 * {@code /actuator/prometheus}.
 */
final class SoakRun {

    /** One interval: the load run's result and the services' state after it. */
    record Sample(int minute, RunResult load, Map<String, Double> heapMb, Map<String, Double> liveHeapMb,
            Map<String, Double> maxConsumerLag, Double projectionLagMs) {

        String json() {
            return ChatJson.mapper().writeValueAsString(this);
        }

        String line() {
            return String.format("%3d min  sent %6.0f/s  ack p50 %6s p99 %6s  delivery p50 %6s p99 %6s p99.9 %6s  "
                            + "lost %d dup %d reord %d  heap MB %s  live after GC MB %s  lag %s  projection lag %s ms",
                    minute, load.sendRate(), Latencies.Summary.ms(load.ack().p50()), Latencies.Summary.ms(load.ack().p99()),
                    Latencies.Summary.ms(load.delivery().p50()), Latencies.Summary.ms(load.delivery().p99()),
                    Latencies.Summary.ms(load.delivery().p999()), load.lost(), load.duplicated(), load.reordered(),
                    heapMb, liveHeapMb, maxConsumerLag, projectionLagMs == null ? "-" : String.format("%.0f", projectionLagMs));
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BenchOptions options;
    private final Function<BenchOptions, RunResult> load;
    private final Map<String, URI> services;

    SoakRun(BenchOptions options, Function<BenchOptions, RunResult> load) {
        this.options = options;
        this.load = load;
        this.services = new LinkedHashMap<>();
        String host = options.gateway().getHost();
        services.put("gateway", URI.create(options.gateway() + "/actuator/prometheus"));
        for (String service : options.metrics().split(",")) {
            String[] nameAndPort = service.trim().split(":");
            services.put(nameAndPort[0], URI.create("http://" + host + ":" + nameAndPort[1] + "/actuator/prometheus"));
        }
    }

    /** Runs the intervals, handing each sample on as it is taken. */
    List<Sample> execute(Consumer<Sample> each) {
        Duration interval = options.interval();
        long intervals = Math.max(1, options.duration().toSeconds() / interval.toSeconds());
        BenchOptions perInterval = options.forInterval(Duration.ofSeconds(5), interval);
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= intervals; i++) {
            RunResult result = load.apply(perInterval);
            Map<String, Double> heap = new LinkedHashMap<>();
            Map<String, Double> live = new LinkedHashMap<>();
            Map<String, Double> lag = new LinkedHashMap<>();
            Double projectionLag = null;
            for (Map.Entry<String, URI> service : services.entrySet()) {
                String text = scrape(service.getValue());
                heap.put(service.getKey(), Math.round(sum(text, "jvm_memory_used_bytes", "area=\"heap\"") / 1e5) / 10.0);
                // What the last collection left: the heap a leak would grow.
                live.put(service.getKey(), Math.round(sum(text, "jvm_gc_live_data_size_bytes", "") / 1e5) / 10.0);
                lag.put(service.getKey(), max(text, "kafka_consumer_fetch_manager_records_lag{"));
                double projection = max(text, "chat_projection_lag_seconds");
                if (projection >= 0 && service.getKey().startsWith("projection")) {
                    projectionLag = projection * 1000;
                }
            }
            Sample sample = new Sample((int) (i * interval.toSeconds() / 60), result, heap, live, lag, projectionLag);
            samples.add(sample);
            each.accept(sample);
        }
        return samples;
    }

    static boolean clean(List<Sample> samples) {
        return samples.stream().allMatch(sample -> sample.load().clean());
    }

    private static String scrape(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    /** Sum of a metric's samples whose labels contain {@code label}. */
    static double sum(String prometheus, String metric, String label) {
        return values(prometheus, metric, label).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The largest sample of a metric (a name with "{" matches labelled samples only); -1 if none. */
    static double max(String prometheus, String metric) {
        return values(prometheus, metric, "").stream().mapToDouble(Double::doubleValue).max().orElse(-1);
    }

    private static List<Double> values(String prometheus, String metric, String label) {
        List<Double> values = new ArrayList<>();
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(metric) && line.contains(label) && !line.startsWith("#")) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                try {
                    double parsed = Double.parseDouble(value);
                    if (!Double.isNaN(parsed)) {
                        values.add(parsed);
                    }
                } catch (NumberFormatException ignored) {
                    // not a sample line
                }
            }
        }
        return values;
    }
}
