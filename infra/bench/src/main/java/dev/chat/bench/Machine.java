package dev.chat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** One line about the machine a result was measured on. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String model = "unknown CPU";
        try {
            model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(model);
        } catch (IOException e) {
            // not Linux
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
        return "machine: %d cores (%s), %.0f GiB, Java %s, load average %.2f, %s".formatted(
                Runtime.getRuntime().availableProcessors(), model, memory / (1024.0 * 1024 * 1024),
                System.getProperty("java.version"), os.getSystemLoadAverage(), Instant.now());
    }
}
