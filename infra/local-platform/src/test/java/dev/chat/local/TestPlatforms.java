package dev.chat.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Platform settings for tests: every port free, small service JVMs, data in a directory of the test's. */
final class TestPlatforms {

    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    static final Path REPO = Path.of(System.getProperty("chat.repo.root", "../..")).toAbsolutePath().normalize();

    private TestPlatforms() {
    }

    /** Skips the test when the service jars have not been packaged (e.g. under {@code ./mvnw test}). */
    static PlatformSettings settings(Path data, String externalKafka, String externalMongo) {
        return settings(data, externalKafka, externalMongo, 1, Map.of());
    }

    static PlatformSettings settings(Path data, String externalKafka, String externalMongo, int gateways,
            Map<String, String> serviceEnvironment) {
        return settings(data, externalKafka, externalMongo, gateways, 1, 1, serviceEnvironment);
    }

    /** With several instances of message-service and projection-service (they share the partitions). */
    static PlatformSettings settings(Path data, String externalKafka, String externalMongo, int gateways,
            int messageInstances, int projectionInstances, Map<String, String> serviceEnvironment) {
        return settings(data, externalKafka, externalMongo, gateways, messageInstances, projectionInstances,
                serviceEnvironment, false);
    }

    /**
     * {@code notifier}: with notifier-service and the embedded mail server (tests of notifications); the others
     * leave them out, which keeps a platform start cheaper.
     */
    static PlatformSettings settings(Path data, String externalKafka, String externalMongo, int gateways,
            int messageInstances, int projectionInstances, Map<String, String> serviceEnvironment, boolean notifier) {
        Assumptions.assumeTrue(Files.exists(REPO.resolve("gateway-service/target")),
                "service jars are built by the package phase: run ./mvnw verify");
        return new PlatformSettings(REPO, data, externalKafka, externalMongo, freePort(), freePort(), freePort(),
                freePort(), freePort(), freePort(), freePort(), gateways, freePorts(Math.max(1, gateways - 1)),
                freePorts(gateways),
                serviceEnvironment, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), List.of(), 3,
                messageInstances, projectionInstances, freePorts(messageInstances + projectionInstances), freePort(),
                null, freePort(), freePort(), notifier);
    }

    /** The first of {@code count} consecutive free ports. */
    private static synchronized int freePorts(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            boolean allFree = true;
            for (int i = 1; i < count && allFree; i++) {
                try (ServerSocket socket = new ServerSocket(first + i)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    allFree = false;
                }
                allFree = allFree && !HANDED_OUT.contains(first + i);
            }
            if (allFree) {
                for (int i = 1; i < count; i++) {
                    HANDED_OUT.add(first + i);
                }
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    /**
     * A free port never handed out before in this JVM: the system may give the same free port to two calls
     * in a row (each closes its socket before the next asks), and two services of one platform on the same
     * port would have one of them fail to start while the health check finds the other.
     */
    private static synchronized int freePort() {
        // Below the system's ephemeral range, so that no outgoing connection of any process takes the port as its
        // source port between this check and the service binding it (a flake seen in CI: "Port … already in use").
        for (int attempt = 0; attempt < 500 && QUIET_PORTS_END > QUIET_PORTS_START; attempt++) {
            int port = QUIET_PORTS_START + RANDOM.nextInt(QUIET_PORTS_END - QUIET_PORTS_START);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                HANDED_OUT.add(port);
                return port;
            } catch (IOException inUse) {
                // taken: another one
            }
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no free port that was not handed out already");
    }

    private static final java.util.Random RANDOM = new java.util.Random();
    private static final int QUIET_PORTS_START = 10_000;
    /** Where the system's ephemeral ports begin (Linux: /proc/sys/net/ipv4/ip_local_port_range), else 32768. */
    private static final int QUIET_PORTS_END = ephemeralStart();

    private static int ephemeralStart() {
        // Read as a stream: the JDK reads /proc files by their reported size, which is 0 (Files.readString gets 1 byte).
        try (java.io.BufferedReader range = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            int start = Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
            return start > QUIET_PORTS_START + 2_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
