package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor restarts a service whose liveness probe keeps saying DOWN (as message-service does while its
 * decision threads keep dying), not only one that exits. The service here is a few lines of Java whose health is
 * UP and whose liveness is DOWN, packaged as the jar a service would be.
 */
class SupervisorLivenessTest {

    private static final String SERVICE = """
            public class Stuck {
                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(System.getenv("PORT"));
                    var server = com.sun.net.httpserver.HttpServer.create(
                            new java.net.InetSocketAddress("127.0.0.1", port), 0);
                    server.createContext("/actuator/health", exchange -> {
                        boolean liveness = exchange.getRequestURI().getPath().endsWith("/liveness");
                        byte[] body = ("{\\"status\\":\\"" + (liveness ? "DOWN" : "UP") + "\\"}").getBytes();
                        exchange.sendResponseHeaders(liveness ? 503 : 200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    @Test
    void aServiceWhoseLivenessStaysDownIsKilledAndStartedAgain(@TempDir Path dir) throws Exception {
        Path jar = stuckServiceJar(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int servicePort = port;
        try (Supervisor supervisor = new Supervisor(name -> new ServiceProcess(name, jar, Map.of("PORT",
                Integer.toString(servicePort)), dir.resolve("stuck.log"), servicePort, List.of("-Xmx32m")),
                Duration.ofMillis(300))) {
            ServiceProcess first = supervisor.start("stuck");
            first.awaitHealthy(Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.get("stuck") != first);
            assertThat(first.isAlive()).as("the stuck process was killed").isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.get("stuck").isAlive());
        }
    }

    private static Path stuckServiceJar(Path dir) throws IOException {
        Path source = dir.resolve("Stuck.java");
        Files.writeString(source, SERVICE);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString());
        assertThat(compiled).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Stuck");
        Path jar = dir.resolve("stuck.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("Stuck.class"));
            Files.copy(dir.resolve("Stuck.class"), out);
            out.closeEntry();
        }
        return jar;
    }
}
