package dev.chat.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the local platform keeps its data and listens. Read from the environment; every value has a
 * default that runs on a developer machine.
 *
 * @param externalKafka bootstrap servers of an existing Kafka, or null to run the in-process broker
 * @param externalMongo URI of an existing MongoDB, or null to run the in-process Mongo wire server
 * @param gatewayInstances how many gateways to run; the first listens on gatewayPort and rsocketPort, the
 *                         i-th extra one (1, 2 …) on extraGatewayPort + i - 1 and rsocketPort + i
 * @param serviceEnvironment extra environment for every service (on top of the launcher's own)
 * @param notifierJvmOptions JVM options of notifier-service, after the services' ones (the last of a flag wins).
 *                           C1 only by default whatever {@code CHAT_SERVICE_JVM_OPTS} says: the notifier is off the
 *                           message path, does little per message, and on a small machine its C2 compilations were
 *                           most of its CPU (docs/benchmarks.md, "Notifications")
 * @param topicPartitions partitions of the keyed topics the launcher creates (0: the catalogue's). Defaults to
 *                        3: on one broker every transaction writes a marker to each partition it touched,
 *                        so fewer partitions cost far less CPU per message (docs/benchmarks.md); the
 *                        catalogue's 12 are for clusters
 * @param messageInstances how many message-service instances to run (partitions are shared among them)
 * @param projectionInstances how many projection-service instances to run
 * @param extraServicePort the first management port of the extra back-end instances (message-service ones first)
 * @param externalSmtp  host of an existing SMTP server ({@code CHAT_SMTP_HOST}, with {@code CHAT_SMTP_PORT} …
 *                      passed to the notifier as they are), or null to run the embedded mail server
 * @param smtpPort      the embedded mail server's SMTP port
 * @param imapPort      the embedded mail server's IMAP port (mailboxes: the address as login and password)
 * @param notifier      whether to run notifier-service (and the embedded mail server) at all
 *                      ({@code CHAT_NOTIFIER_ENABLED}, on by default; tests that need no notifications leave it out)
 */
record PlatformSettings(
        Path repoRoot,
        Path dataDir,
        String externalKafka,
        String externalMongo,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        int gatewayPort,
        int messageServicePort,
        int presenceServicePort,
        int projectionServicePort,
        int gatewayInstances,
        int extraGatewayPort,
        int rsocketPort,
        Map<String, String> serviceEnvironment,
        List<String> serviceJvmOptions,
        List<String> notifierJvmOptions,
        int topicPartitions,
        int messageInstances,
        int projectionInstances,
        int extraServicePort,
        int notifierServicePort,
        String externalSmtp,
        int smtpPort,
        int imapPort,
        boolean notifier) {

    PlatformSettings {
        serviceEnvironment = Map.copyOf(serviceEnvironment);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        notifierJvmOptions = List.copyOf(notifierJvmOptions);
    }

    static PlatformSettings fromEnvironment(Map<String, String> env) {
        Path root = Path.of(env.getOrDefault("CHAT_REPO_ROOT", ".")).toAbsolutePath().normalize();
        return new PlatformSettings(
                root,
                Path.of(env.getOrDefault("CHAT_DATA_DIR", root.resolve(".local").toString())).toAbsolutePath(),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("MONGODB_URI")),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "MONGODB_PORT", 27017),
                port(env, "GATEWAY_PORT", 8080),
                port(env, "MESSAGE_SERVICE_PORT", 8081),
                port(env, "PRESENCE_SERVICE_PORT", 8082),
                port(env, "PROJECTION_SERVICE_PORT", 8083),
                port(env, "CHAT_GATEWAY_INSTANCES", 1),
                port(env, "CHAT_EXTRA_GATEWAY_PORT", 8090),
                port(env, "CHAT_RSOCKET_TCP_PORT", 7000),
                Map.of(),
                options(env.getOrDefault("CHAT_SERVICE_JVM_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")),
                options(env.getOrDefault("CHAT_NOTIFIER_JVM_OPTS", "-XX:TieredStopAtLevel=1")),
                port(env, "CHAT_TOPICS_PARTITIONS", 3),
                port(env, "CHAT_MESSAGE_INSTANCES", 1),
                port(env, "CHAT_PROJECTION_INSTANCES", 1),
                port(env, "CHAT_EXTRA_SERVICE_PORT", 8180),
                port(env, "NOTIFIER_SERVICE_PORT", 8084),
                blankToNull(env.get("CHAT_SMTP_HOST")),
                port(env, "CHAT_SMTP_PORT", 3025),
                port(env, "CHAT_IMAP_PORT", 3143),
                !"false".equalsIgnoreCase(env.getOrDefault("CHAT_NOTIFIER_ENABLED", "true").trim()));
    }

    private static List<String> options(String value) {
        return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
