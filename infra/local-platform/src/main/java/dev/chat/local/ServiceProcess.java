package dev.chat.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One service running from its deployment jar in a child JVM, configured by environment exactly as
 * in production. The child gets this process's pid and exits by itself if this process dies, so not
 * even a killed launcher leaves a service behind.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private final List<String> jvmOptions;
    private Process process;
    private volatile Instant startedAt;
    /** Set when the launcher itself stops or kills the process: its exit is not a crash. */
    private volatile boolean exitExpected;

    ServiceProcess(String name, Path jar, Map<String, String> environment, Path log, int port, List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    ServiceProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Out of memory, the service exits and the supervisor starts it again: a JVM that lost the threads an
        // OutOfMemoryError killed (a feed, the tracer) would otherwise run on, unready for minutes. Always on,
        // whatever CHAT_SERVICE_JVM_OPTS says.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("CHAT_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
            startedAt = Instant.now();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        return this;
    }

    /** Waits until the service's health endpoint says UP. */
    void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (healthy()) {
                return;
            }
            pause();
        }
        throw new IllegalStateException(name + " did not become healthy within " + timeout + "; see " + log);
    }

    /** Whether the process runs and its health endpoint says UP, now. */
    boolean healthy() {
        if (!isAlive()) {
            return false;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What the service's liveness probe says: true (UP), false (DOWN: restart me), or empty when it cannot tell
     * (not listening, or no liveness group).
     */
    java.util.Optional<Boolean> live() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return java.util.Optional.of(true);
            }
            return response.statusCode() == 503 && response.body().contains("\"DOWN\"") ? java.util.Optional.of(false)
                    : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** Ends the process as a crash would, for the supervisor to start it again (it is not an expected exit). */
    void crash() {
        process.destroyForcibly();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Completes with the exit code when the process ends, however it ends. */
    CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    boolean exitExpected() {
        return exitExpected;
    }

    Instant startedAt() {
        return startedAt;
    }

    Path log() {
        return log;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Graceful stop (SIGTERM), forced after 30 s. */
    void stop() {
        if (process == null) {
            return;
        }
        exitExpected = true;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Hard kill (SIGKILL), as a crash would. */
    void kill() {
        exitExpected = true;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
