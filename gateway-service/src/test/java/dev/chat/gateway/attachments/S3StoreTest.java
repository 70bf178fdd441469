package dev.chat.gateway.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chat.gateway.GatewayProperties;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 store against a real S3 API server: Adobe's S3Mock (the jar Maven copies to target/s3mock), run as its own
 * process. Put, a presigned link that serves the bytes with the type and disposition the gateway chose, delete.
 */
class S3StoreTest {

    private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process server;
    private static int port;

    @BeforeAll
    static void startServer(@TempDir Path root) throws Exception {
        assumeTrue(Files.exists(JAR), "S3Mock's jar is not in target/s3mock (run the build with tests)");
        port = freePort();
        Path log = root.resolve("s3mock.log");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--com.adobe.testing.s3mock.http-port=" + port,
                "--server.port=" + freePort(), "--com.adobe.testing.s3mock.store.root=" + root.resolve("store"),
                "--logging.level.root=WARN", "--spring.main.banner-mode=off")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!server.isAlive()) {
                throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() < 500;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void putServeThroughAPresignedLinkAndDelete(@TempDir Path dir) throws Exception {
        try (S3Store store = new S3Store(new GatewayProperties.Attachments.S3("http://localhost:" + port,
                "chat-attachments-test", "us-east-1", "test-key", "test-secret", true))) {
            byte[] picture = FileInspectorTest.png(64, 48);
            Path file = Files.write(dir.resolve("cat.png"), picture);
            String key = "0123456789abcdef0123456789abcdef/original";
            store.put(key, file, "image/png");
            store.put("0123456789abcdef0123456789abcdef/thumbnail", "small".getBytes(StandardCharsets.UTF_8),
                    "image/jpeg");

            assertThat(store.read(key)).as("served by the store, not the gateway").isEmpty();
            URI link = store.presignedGet(key, Duration.ofMinutes(5), "image/png", "inline; filename=\"cat.png\"")
                    .orElseThrow();
            HttpResponse<byte[]> fetched = HTTP.send(HttpRequest.newBuilder(link).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(fetched.body()).isEqualTo(picture);
            assertThat(fetched.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(fetched.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                    d -> assertThat(d).contains("cat.png"));
            store.delete(key);
            HttpResponse<byte[]> gone = HTTP.send(HttpRequest.newBuilder(store.presignedGet(key, Duration.ofMinutes(5),
                    "image/png", "inline").orElseThrow()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(gone.statusCode()).isEqualTo(404);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
