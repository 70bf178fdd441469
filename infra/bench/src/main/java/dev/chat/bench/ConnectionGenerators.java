package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * The {@code connections} mode: in this process, or split over {@code --generators} child processes (each may
 * hold 20,000 descriptors). A child opens its share at its share of the rate, prints one {@code READY {json}}
 * line when every session of its share is ready or failed, holds them until its standard input closes, and
 * exits. The parent adds the children's histograms and failures, measures the gateways once all are held, and
 * reports as a single process would.
 */
final class ConnectionGenerators {

    private ConnectionGenerators() {
    }

    /** Runs the mode; true when every session got ready and none was dropped while held. */
    static boolean run(ConnectionOptions options, java.util.function.Consumer<String> report) throws Exception {
        ProcessCpu cpu = ProcessCpu.discover(0);
        if (options.isChild()) {
            return child(options, cpu);
        }
        if (options.generators() == 1) {
            ConnectionsRun run = new ConnectionsRun(options, cpu);
            List<ConnectionsRun.Checkpoint> checkpoints = run.open(true,
                    checkpoint -> System.out.println(ConnectionsReport.line(checkpoint)));
            DeliveryProbe.Result probe = probe(options);
            Thread.sleep(options.hold().toMillis());
            long dropped = run.droppedWhileHeld();
            run.closeAll();
            ConnectionsReport result = new ConnectionsReport(options, checkpoints, run.readiness().summary(),
                    run.failures(), dropped, probe);
            report.accept(result.text() + result.json());
            return result.clean();
        }
        return parent(options, cpu, report);
    }

    private static boolean child(ConnectionOptions options, ProcessCpu cpu) throws IOException {
        ConnectionsRun run = new ConnectionsRun(options, cpu);
        List<ConnectionsRun.Checkpoint> checkpoints = run.open(false, checkpoint -> { });
        ConnectionsRun.Checkpoint last = checkpoints.get(checkpoints.size() - 1);
        var line = ChatJson.mapper().createObjectNode()
                .put("ready", run.ready())
                .put("startsPerSecond", last.startsPerSecond())
                .put("histogram", run.readiness().encoded());
        line.set("failures", ChatJson.mapper().valueToTree(run.failures()));
        System.out.println("READY " + line);
        System.out.flush();
        // Hold until the parent closes this process's standard input.
        while (System.in.read() >= 0) {
            // nothing: the parent never writes
        }
        long dropped = run.droppedWhileHeld();
        run.closeAll();
        System.out.println("DROPPED " + dropped);
        return dropped == 0;
    }

    private static boolean parent(ConnectionOptions options, ProcessCpu cpu,
            java.util.function.Consumer<String> report) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Map<String, ProcessHandle> gateways = cpu.named("gateway-service");
        Footprint empty = Footprint.of(gateways);
        ProcessCpu.Snapshot before = cpu.snapshot();
        long started = System.nanoTime();
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        List<CompletableFuture<JsonNode>> readies = new ArrayList<>();
        for (int i = 0; i < options.generators(); i++) {
            // From the executable jar its own launcher finds the classes; elsewhere (tests, an IDE) the class path.
            List<String> command = new ArrayList<>(classpath.endsWith(".jar") && !classpath.contains(File.pathSeparator)
                    ? List.of(java, "-Xss256k", "-jar", classpath)
                    : List.of(java, "-Xss256k", "-cp", classpath, Bench.class.getName()));
            command.addAll(options.childArguments(i));
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            children.add(child);
            outputs.add(output);
            readies.add(CompletableFuture.supplyAsync(() -> readyLine(child, output)));
        }
        Latencies readiness = new Latencies();
        Map<String, Long> failures = new TreeMap<>();
        int ready = 0;
        double startsPerSecond = 0;
        for (CompletableFuture<JsonNode> pending : readies) {
            JsonNode line = pending.join();
            ready += line.path("ready").asInt();
            startsPerSecond += line.path("startsPerSecond").asDouble();
            readiness.add(line.path("histogram").asString());
            line.path("failures").properties().forEach(e -> failures.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        }
        ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.snapshot());
        double seconds = (System.nanoTime() - started) / 1e9;
        ConnectionsRun.Checkpoint held = new ConnectionsRun.Checkpoint(ready, (int) readiness.summary().count(),
                Math.min(startsPerSecond, readiness.summary().count() / seconds), readiness.summary(), usage,
                Footprint.of(gateways));
        ConnectionsRun.Checkpoint zero = new ConnectionsRun.Checkpoint(0, 0, 0, new Latencies().summary(), null, empty);
        System.out.println(ConnectionsReport.line(zero));
        System.out.println(ConnectionsReport.line(held));
        DeliveryProbe.Result probe = probe(options);
        Thread.sleep(options.hold().toMillis());
        long dropped = 0;
        for (int i = 0; i < children.size(); i++) {
            children.get(i).getOutputStream().close();
            dropped += droppedLine(outputs.get(i));
        }
        ConnectionsReport result = new ConnectionsReport(options, List.of(zero, held), readiness.summary(), failures,
                dropped, probe);
        report.accept(result.text() + result.json());
        return result.clean();
    }

    /** The probes, if asked for, once every session is held; printed as soon as they are done. */
    private static DeliveryProbe.Result probe(ConnectionOptions options) throws Exception {
        if (options.probes() == 0) {
            return null;
        }
        DeliveryProbe.Result result = DeliveryProbe.run(options);
        System.out.print(result.text());
        return result;
    }

    private static JsonNode readyLine(Process child, BufferedReader out) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY ")) {
                    return ChatJson.mapper().readTree(line.substring(6));
                }
            }
            throw new IllegalStateException("a generator ended without a result (exit " + child.waitFor() + ")");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long droppedLine(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("DROPPED ")) {
                return Long.parseLong(line.substring(8).trim());
            }
        }
        return 0;
    }
}
