package dev.chat.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the launcher tells a service instance, as production would: its environment (where Kafka, Mongo, the mail
 * server and the other services are, its own ports and identity) and its JVM options.
 *
 * @param embeddedSmtpPort the embedded mail server's SMTP port, or null when the notifier uses another server
 */
record ServiceEnvironment(PlatformSettings settings, String bootstrapServers, String mongoUri, Integer embeddedSmtpPort) {

    /**
     * @param name         the instance's name (message-service-2 …)
     * @param port         its HTTP port (a gateway's public port, a back-end instance's management port)
     * @param rsocketPort  a gateway's RSocket TCP port (the first gateway's for the others)
     */
    Map<String, String> of(String name, LocalPlatform.Instance instance, int port, int rsocketPort) {
        boolean gateway = instance.service().equals(LocalPlatform.GATEWAY);
        Map<String, String> env = new HashMap<>(settings.serviceEnvironment());
        env.putAll(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "MONGODB_URI", mongoUri,
                "CHAT_INSTANCE_ID", instance.index() > 0 ? "local-" + (instance.index() + 1) : "local",
                // Local only: the gateway issues demo tokens at POST /dev/token.
                "CHAT_DEV_TOKENS", "true",
                "GATEWAY_PORT", Integer.toString(gateway ? port : settings.gatewayPort()),
                "CHAT_RSOCKET_TCP_PORT", Integer.toString(rsocketPort),
                "MESSAGE_SERVICE_PORT", Integer.toString(name.startsWith("message-service") ? port
                        : settings.messageServicePort()),
                "PRESENCE_SERVICE_PORT", Integer.toString(settings.presenceServicePort()),
                "PROJECTION_SERVICE_PORT", Integer.toString(name.startsWith("projection-service") ? port
                        : settings.projectionServicePort()),
                // message-service's Kafka Streams stores: kept across restarts, rebuilt from their changelogs if lost.
                "CHAT_MESSAGE_STATE_DIR", settings.dataDir().resolve(name.startsWith("message-service") ? name
                        : "message-service").toString()));
        if (instance.service().equals(LocalPlatform.NOTIFIER)) {
            env.putAll(notifier());
        }
        env.put("CHAT_NOTIFIER_URL", "http://localhost:" + settings.notifierServicePort());
        if (gateway) {
            // Where the other gateways forward a Socket.IO polling request for a session held by this one.
            env.put("CHAT_GATEWAY_PEER_URL", "http://localhost:" + port);
            // Uploads on this machine's disk, shared by its gateways, kept with the rest of the platform's data.
            env.putIfAbsent("CHAT_ATTACHMENT_DIR", System.getenv().getOrDefault("CHAT_ATTACHMENT_DIR",
                    settings.dataDir().resolve("attachments").toString()));
        }
        // Services create missing topics with the same partition count as the launcher.
        env.put("CHAT_TOPICS_PARTITIONS", Integer.toString(settings.topicPartitions()));
        return env;
    }

    /** The services' JVM options; the notifier's own after them (the last of a flag wins). */
    List<String> jvmOptions(LocalPlatform.Instance instance) {
        List<String> options = new ArrayList<>(settings.serviceJvmOptions());
        if (instance.service().equals(LocalPlatform.NOTIFIER)) {
            options.addAll(settings.notifierJvmOptions());
        }
        return options;
    }

    /**
     * The notifier's port, its mail server (the embedded one unless {@code CHAT_SMTP_HOST} names another, whose
     * settings it then reads from the launcher's environment as they are), a development secret for its
     * unsubscribe links, and webhooks to local addresses allowed (this machine is the developer's).
     */
    private Map<String, String> notifier() {
        Map<String, String> env = new HashMap<>(Map.of(
                "NOTIFIER_SERVICE_PORT", Integer.toString(settings.notifierServicePort()),
                "CHAT_NOTIFY_SECRET", System.getenv().getOrDefault("CHAT_NOTIFY_SECRET",
                        "local-development-notify-secret-change-me-0123456789"),
                "CHAT_WEBHOOK_ALLOW_PRIVATE", System.getenv().getOrDefault("CHAT_WEBHOOK_ALLOW_PRIVATE", "true")));
        if (embeddedSmtpPort != null) {
            env.put("CHAT_SMTP_HOST", "127.0.0.1");
            env.put("CHAT_SMTP_PORT", Integer.toString(embeddedSmtpPort));
        }
        return env;
    }
}
