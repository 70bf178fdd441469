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
 * The supervisor restarts a service that stops being of use, not only one that exits on its own: one whose
 * liveness probe keeps saying DOWN (as message-service does while its decision threads keep dying), and one that
 * ran out of memory (which would otherwise run on without the threads the error killed). The services here are a
 * few lines of Java each, packaged as the jar a service would be.
 */
class SupervisorRestartTest {

    private static final String STUCK = """
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

    /** Healthy, until a thread of its runs out of memory; its HTTP server would go on answering UP. */
    private static final String LEAKY = """
            public class Leaky {
                public static void main(String[] args) throws Exception {
                    int port = Integer.parseInt(System.getenv("PORT"));
                    var server = com.sun.net.httpserver.HttpServer.create(
                            new java.net.InetSocketAddress("127.0.0.1", port), 0);
                    server.createContext("/actuator/health", exchange -> {
                        byte[] body = "{\\"status\\":\\"UP\\"}".getBytes();
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                    Thread feed = new Thread(() -> {
                        try {
                            Thread.sleep(1500);
                        } catch (InterruptedException e) {
                            return;
                        }
                        java.util.List<long[]> hoard = new java.util.ArrayList<>();
                        while (true) {
                            hoard.add(new long[1 << 20]);
                        }
                    });
                    feed.start();
                }
            }
            """;

    @Test
    void aServiceWhoseLivenessStaysDownIsKilledAndStartedAgain(@TempDir Path dir) throws Exception {
        Path jar = serviceJar(dir, "Stuck", STUCK);
        int servicePort = freePort();
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

    @Test
    void aServiceThatRunsOutOfMemoryExitsAndIsStartedAgain(@TempDir Path dir) throws Exception {
        Path jar = serviceJar(dir, "Leaky", LEAKY);
        int port = freePort();
        try (Supervisor supervisor = new Supervisor(name -> new ServiceProcess(name, jar, Map.of("PORT",
                Integer.toString(port)), dir.resolve("leaky.log"), port, List.of("-Xmx32m")))) {
            ServiceProcess first = supervisor.start("leaky");
            first.awaitHealthy(Duration.ofSeconds(30));

            // Without -XX:+ExitOnOutOfMemoryError the JVM would run on, its server answering, its feed dead.
            await().atMost(Duration.ofSeconds(60)).until(() -> !first.isAlive());
            await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.get("leaky") != first);
            assertThat(Files.readString(dir.resolve("leaky.log"))).contains("OutOfMemoryError");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The class {@code name}, compiled from {@code source} and packaged as a runnable jar. */
    private static Path serviceJar(Path dir, String name, String source) throws IOException {
        Path file = dir.resolve(name + ".java");
        Files.writeString(file, source);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), file.toString());
        assertThat(compiled).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, name);
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(name + ".class"));
            Files.copy(dir.resolve(name + ".class"), out);
            out.closeEntry();
        }
        return jar;
    }
}
