package dev.chat.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Platform settings for tests: every port free, small service JVMs, data in a directory of the test's. */
final class TestPlatforms {

    static final Path REPO = Path.of(System.getProperty("chat.repo.root", "../..")).toAbsolutePath().normalize();

    private TestPlatforms() {
    }

    /** Skips the test when the service jars have not been packaged (e.g. under {@code ./mvnw test}). */
    static PlatformSettings settings(Path data, String externalKafka, String externalMongo) {
        Assumptions.assumeTrue(Files.exists(REPO.resolve("gateway-service/target")),
                "service jars are built by the package phase: run ./mvnw verify");
        return new PlatformSettings(REPO, data, externalKafka, externalMongo, freePort(), freePort(), freePort(),
                freePort(), freePort(), freePort(), freePort(),
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
