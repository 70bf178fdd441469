package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmark tool's command line. Prints a human summary of each result, then the result as one JSON
 * line (also appended to {@code --json FILE}). Exit status 0 when the run was clean (step mode: when at
 * least one step was sustainable), 1 otherwise, 2 for bad arguments.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean connections = args.length > 0 && (args[0].equals("connections") || args[0].equals("storm"));
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.print(connections ? ConnectionOptions.USAGE : BenchOptions.USAGE);
            return;
        }
        if (connections) {
            System.exit(connections(args) ? 0 : 1);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    private static boolean connections(String[] args) throws Exception {
        ConnectionOptions options;
        try {
            options = ConnectionOptions.parse(args);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.print(ConnectionOptions.USAGE);
            System.exit(2);
            return false;
        }
        if (!options.isChild()) {
            System.out.println(Machine.describe());
        }
        if (args[0].equals("storm")) {
            StormRun.Result result = new StormRun(options).execute();
            StormRun.print(result);
            if (options.json() != null) {
                append(options.json(), ((tools.jackson.databind.node.ObjectNode) ChatJson.mapper().valueToTree(result)).put("mode", "storm").toString());
            }
            return result.clean();
        }
        return ConnectionGenerators.run(options, result -> {
            String json = result.substring(result.indexOf("{\"mode\""));
            System.out.println();
            System.out.print(result.substring(0, result.indexOf("{\"mode\"")));
            System.out.println(json);
            if (options.json() != null) {
                append(options.json(), json);
            }
        });
    }

    /** One load run from command-line style arguments, for programs and tests that embed the tool. */
    public static RunResult load(String... args) {
        BenchOptions options = BenchOptions.parse(args);
        ExecutorService socketThreads = Executors.newFixedThreadPool(2);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpClient sockets = HttpClient.newBuilder().executor(socketThreads).connectTimeout(Duration.ofSeconds(10))
                    .build();
            return new LoadRun(options, http, sockets, ProcessCpu.discover(options.platformPid())).execute();
        } finally {
            socketThreads.shutdownNow();
        }
    }

    /** Runs what the options say; true when the result was clean (or, stepping, something was sustainable). */
    static boolean run(BenchOptions options) throws Exception {
        ProcessCpu cpu = ProcessCpu.discover(options.platformPid());
        System.out.println(Machine.describe());
        System.out.println(cpu.found() ? "platform processes: " + cpu.names()
                : "platform processes: not found (CPU is not accounted)");
        int highest = options.mode().equals("step") ? options.steps().stream().mapToInt(Integer::intValue).max().orElse(0)
                : options.rate();
        if (highest / (double) options.pairs() > 15 && !options.mode().equals("kafka")) {
            System.out.println("note: " + highest / options.pairs()
                    + " msg/s per sender is close to the gateway's per-user send limit; use more --pairs");
        }
        if (options.mode().equals("kafka")) {
            KafkaBaseline.Result result = new KafkaBaseline(options, cpu).execute();
            report(options, result.text(), result.json());
            return true;
        }
        ExecutorService socketThreads = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpClient sockets = HttpClient.newBuilder().executor(socketThreads).connectTimeout(Duration.ofSeconds(10)).build();
        try {
            if (options.mode().equals("soak")) {
                List<SoakRun.Sample> samples = new SoakRun(options, interval -> new LoadRun(interval, http, sockets, cpu)
                        .execute()).execute(sample -> {
                            System.out.println(sample.line());
                            report(options, "", sample.json());
                        });
                System.out.println(SoakRun.clean(samples) ? "soak clean: nothing lost, duplicated or reordered"
                        : "soak NOT clean: see the intervals above");
                return SoakRun.clean(samples);
            }
            if (options.mode().equals("load")) {
                RunResult result = new LoadRun(options, http, sockets, cpu).execute();
                report(options, result.text(), result.json());
                return result.clean();
            }
            StepRun steps = new StepRun(options.steps(), options.p99Bound().toNanos() / 1e6, options.stepTries(),
                    rate -> new LoadRun(options.withRate(rate), http, sockets, cpu).execute());
            List<RunResult> results = steps.execute(result -> report(options, result.text(), result.json()));
            System.out.println();
            System.out.print(steps.table(results));
            System.out.printf("highest sustainable rate: %d msg/s (delivered ≥ 97%% of offered, nothing lost, "
                    + "duplicated, reordered or refused, delivery p99 ≤ %s)%n", steps.highestSustainable(results),
                    Latencies.Summary.ms(options.p99Bound().toMillis()));
            return steps.highestSustainable(results) > 0;
        } finally {
            socketThreads.shutdownNow();
        }
    }

    private static void report(BenchOptions options, String text, String json) {
        System.out.println();
        System.out.print(text);
        System.out.println(json);
        if (options.json() != null) {
            append(options.json(), json);
        }
    }

    private static void append(String file, String json) {
        try {
            Files.writeString(Path.of(file), json + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not append to " + file + ": " + e.getMessage());
        }
    }
}
