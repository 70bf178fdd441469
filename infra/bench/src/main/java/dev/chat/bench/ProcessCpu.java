package dev.chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time of the platform's processes, taken from the operating system's own accounting: the local
 * platform launcher (which hosts the Kafka broker and the Mongo wire server) and every service JVM it
 * started, plus this benchmark's own process and the whole machine, so a noisy neighbour shows.
 */
public final class ProcessCpu {

    /** CPU used in a window: seconds per platform process, the platform's sum, this process and the machine. */
    public record Usage(Map<String, Double> perProcess, double platform, double bench, double machine, double window) {

        double msPerMessage(long messages) {
            return messages == 0 ? 0 : platform * 1000 / messages;
        }
    }

    record Snapshot(Map<String, Long> nanos, long benchNanos, long machineTicks, long takenAt) {
    }

    private record Tracked(String name, ProcessHandle process) {
    }

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final List<Tracked> processes;

    private ProcessCpu(List<Tracked> processes) {
        this.processes = List.copyOf(processes);
    }

    /** Finds the launcher (by pid, or by {@code local-platform.jar} on its command line) and its service JVMs. */
    static ProcessCpu discover(long platformPid) {
        Optional<ProcessHandle> launcher = platformPid > 0 ? ProcessHandle.of(platformPid)
                : ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains("local-platform.jar"))
                        .findFirst();
        List<Tracked> tracked = new ArrayList<>();
        launcher.ifPresent(process -> {
            tracked.add(new Tracked("launcher (Kafka + Mongo)", process));
            Map<String, Integer> seen = new LinkedHashMap<>();
            process.descendants().sorted((a, b) -> Long.compare(a.pid(), b.pid())).forEach(child -> {
                String name = serviceName(child);
                int n = seen.merge(name, 1, Integer::sum);
                tracked.add(new Tracked(n == 1 ? name : name + "#" + n, child));
            });
        });
        return new ProcessCpu(tracked);
    }

    boolean found() {
        return !processes.isEmpty();
    }

    List<String> names() {
        return processes.stream().map(Tracked::name).toList();
    }

    /** The platform processes whose name starts with {@code prefix} (e.g. every {@code gateway-service}). */
    Map<String, ProcessHandle> named(String prefix) {
        Map<String, ProcessHandle> found = new LinkedHashMap<>();
        processes.stream().filter(t -> t.name().startsWith(prefix)).forEach(t -> found.put(t.name(), t.process()));
        return found;
    }

    Snapshot snapshot() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (Tracked tracked : processes) {
            nanos.put(tracked.name(), cpu(tracked.process()));
        }
        return new Snapshot(nanos, cpu(ProcessHandle.current()), machineBusyTicks(), System.nanoTime());
    }

    static Usage between(Snapshot start, Snapshot end) {
        Map<String, Double> perProcess = new LinkedHashMap<>();
        double platform = 0;
        for (Map.Entry<String, Long> entry : end.nanos().entrySet()) {
            Long before = start.nanos().get(entry.getKey());
            double seconds = before == null ? 0 : (entry.getValue() - before) / 1e9;
            perProcess.put(entry.getKey(), seconds);
            platform += seconds;
        }
        return new Usage(perProcess, platform, (end.benchNanos() - start.benchNanos()) / 1e9,
                (double) (end.machineTicks() - start.machineTicks()) / TICKS_PER_SECOND,
                (end.takenAt() - start.takenAt()) / 1e9);
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** A service JVM's name from its {@code -jar …/name-version.jar} argument. */
    private static String serviceName(ProcessHandle process) {
        String[] args = process.info().arguments().orElse(new String[0]);
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-jar")) {
                String jar = Path.of(args[i + 1]).getFileName().toString();
                return jar.replaceFirst("-[0-9][^/]*\\.jar$", "").replaceFirst("\\.jar$", "");
            }
        }
        return "pid " + process.pid();
    }

    /** Busy time of all processors (user, nice, system, irq, softirq, steal) from /proc/stat; 0 elsewhere. */
    private static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
