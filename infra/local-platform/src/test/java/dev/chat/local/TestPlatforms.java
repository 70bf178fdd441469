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
        Assumptions.assumeTrue(Files.exists(REPO.resolve("gateway-service/target")),
                "service jars are built by the package phase: run ./mvnw verify");
        return new PlatformSettings(REPO, data, externalKafka, externalMongo, freePort(), freePort(), freePort(),
                freePort(), freePort(), freePort(), freePort(), gateways, freePorts(Math.max(1, gateways - 1)),
                freePorts(gateways),
                serviceEnvironment, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), 3,
                messageInstances, projectionInstances, freePorts(messageInstances + projectionInstances));
    }

    /** The first of {@code count} consecutive free ports. */
    private static int freePorts(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            boolean allFree = true;
            for (int i = 1; i < count && allFree; i++) {
                try (ServerSocket socket = new ServerSocket(first + i)) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    allFree = false;
                }
            }
            if (allFree) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
