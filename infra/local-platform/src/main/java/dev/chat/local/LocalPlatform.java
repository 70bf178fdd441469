package dev.chat.local;

import dev.chat.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform with one command: Kafka and Mongo (in-process unless external ones are
 * configured), an embedded mail server (unless an SMTP server is configured), the topics of the catalogue,
 * and the five services as supervised child processes. Closing it (Ctrl-C) stops the services, then the mail
 * server, Mongo and Kafka; the data directory keeps everything (but the mailboxes) for the next start.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPlatform.class);
    static final String GATEWAY = "gateway-service";
    static final String NOTIFIER = "notifier-service";

    private final PlatformSettings settings;
    private LocalKafka kafka;
    private LocalMongo mongo;
    private LocalMail mail;
    private final Supervisor services = new Supervisor(this::service);
    private String bootstrapServers;
    private String mongoUri;

    LocalPlatform(PlatformSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws InterruptedException {
        LocalPlatform platform = new LocalPlatform(PlatformSettings.fromEnvironment(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "local-platform-stop"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            log.error("The platform did not start: {}", e.getMessage());
            System.exit(1);
        }
        platform.printBanner();
        Thread.currentThread().join();
    }

    LocalPlatform start() {
        long started = System.nanoTime();
        if (settings.externalKafka() == null) {
            kafka = LocalKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                    settings.kafkaControllerPort());
            bootstrapServers = kafka.bootstrapServers();
        } else {
            bootstrapServers = settings.externalKafka();
        }
        if (settings.externalMongo() == null) {
            mongo = LocalMongo.start(settings.dataDir().resolve("mongo"), settings.mongoPort());
            mongoUri = mongo.uri("chat");
        } else {
            mongoUri = settings.externalMongo();
        }
        if (settings.notifier() && settings.externalSmtp() == null) {
            mail = LocalMail.start(settings.smtpPort(), settings.imapPort());
        }
        createTopics();
        DemoUsers.seed(bootstrapServers);
        for (String name : serviceNames()) {
            services.start(name);
        }
        for (ServiceProcess service : services.all()) {
            service.awaitHealthy(Duration.ofMinutes(3));
            log.info("{} is up on port {}", service.name(), service.port());
        }
        log.info("Platform up in {} s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        return this;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The embedded mail server's IMAP port (mailboxes: the address as login and password). */
    int imapPort() {
        return settings.imapPort();
    }

    String mongoUri() {
        return mongoUri;
    }

    List<ServiceProcess> services() {
        return services.all();
    }

    /** Whether every service runs and says it is UP, now (one the supervisor is starting again is not). */
    boolean healthy() {
        return services.all().stream().allMatch(ServiceProcess::healthy);
    }

    /** Stops (or kills) one service and starts it again, as a deployment or a crash would. */
    void restart(String name, boolean crash) {
        ServiceProcess old = services.get(name);
        if (crash) {
            old.kill();
        } else {
            old.stop();
        }
        services.start(name).awaitHealthy(Duration.ofMinutes(3));
    }

    /**
     * The backend services, then the gateways; extra instances are named after their service with their
     * number: message-service-2, projection-service-2, gateway-service-2 …
     */
    private List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        instances(names, "message-service", settings.messageInstances());
        instances(names, "projection-service", settings.projectionInstances());
        names.add("presence-service");
        if (settings.notifier()) {
            names.add(NOTIFIER);
        }
        instances(names, GATEWAY, settings.gatewayInstances());
        return names;
    }

    private static void instances(List<String> names, String service, int count) {
        for (int i = 0; i < Math.max(1, count); i++) {
            names.add(i == 0 ? service : service + "-" + (i + 1));
        }
    }

    /** A service instance's name parsed: the service, and the instance's index (0 for the first). */
    record Instance(String service, int index) {

        static Instance of(String name) {
            int dash = name.lastIndexOf('-');
            String suffix = name.substring(dash + 1);
            return suffix.chars().allMatch(Character::isDigit)
                    ? new Instance(name.substring(0, dash), Integer.parseInt(suffix) - 1) : new Instance(name, 0);
        }
    }

    int gatewayPort(int index) {
        return index == 0 ? settings.gatewayPort() : settings.extraGatewayPort() + index - 1;
    }

    int rsocketPort(int index) {
        return settings.rsocketPort() + index;
    }

    /** The management port of a back-end instance: the configured one for the first, extra ports for more. */
    private int backendPort(Instance instance) {
        int first = switch (instance.service()) {
            case "message-service" -> settings.messageServicePort();
            case "projection-service" -> settings.projectionServicePort();
            case NOTIFIER -> settings.notifierServicePort();
            default -> settings.presenceServicePort();
        };
        if (instance.index() == 0) {
            return first;
        }
        // Extra message-service instances first, then extra projection-service instances.
        int before = instance.service().equals("projection-service") ? Math.max(0, settings.messageInstances() - 1) : 0;
        return settings.extraServicePort() + before + instance.index() - 1;
    }

    private ServiceProcess service(String name) {
        Instance instance = Instance.of(name);
        boolean gateway = instance.service().equals(GATEWAY);
        int port = gateway ? gatewayPort(instance.index()) : backendPort(instance);
        ServiceEnvironment environment = new ServiceEnvironment(settings, bootstrapServers, mongoUri,
                mail == null ? null : mail.smtpPort());
        return new ServiceProcess(name, serviceJar(instance.service()), environment.of(name, instance, port,
                rsocketPort(gateway ? instance.index() : 0)), settings.dataDir().resolve("logs").resolve(name + ".log"),
                port, environment.jvmOptions(instance));
    }

    /** Stops the in-process broker and starts it again on the same data and ports, as a broker restart would. */
    void restartKafka() {
        requireInProcess(kafka, "Kafka");
        kafka.close();
        kafka = LocalKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
    }

    /** Takes the in-process Mongo wire server away (an outage begins); {@link #startMongo()} ends it. */
    void stopMongo() {
        requireInProcess(mongo, "Mongo");
        mongo.close();
    }

    /** Brings the Mongo wire server back on the same data and port. */
    void startMongo() {
        mongo = LocalMongo.start(settings.dataDir().resolve("mongo"), settings.mongoPort());
    }

    private static void requireInProcess(Object store, String what) {
        if (store == null) {
            throw new IllegalStateException(what + " is external: the launcher cannot restart it");
        }
    }

    /** Kills one service as a crash would, and takes it out of supervision: it stays down. */
    void kill(String name) {
        services.release(name).kill();
    }

    /** Starts a service that {@link #kill(String)} took down, supervised again, and waits until it is healthy. */
    void revive(String name) {
        services.start(name).awaitHealthy(Duration.ofMinutes(3));
    }

    private Path serviceJar(String name) {
        Path target = settings.repoRoot().resolve(name).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().matches(name + "-[0-9][^/]*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar for " + name + " in " + target
                            + "; build first: ./mvnw -DskipTests install"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createTopics() {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.allWithDeadLetters().stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> spec.newTopic(settings.topicPartitions(), (short) 0))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics on " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void printBanner() {
        String banner = """

                ────────────────────────────────────────────────────────────
                 chat platform is up
                   gateway             http://localhost:%d   (WebSocket ws://localhost:%d/ws, RSocket ws://localhost:%d/rsocket or tcp :%d)
                   message-service     http://localhost:%d/actuator/health
                   projection-service  http://localhost:%d/actuator/health
                   presence-service    http://localhost:%d/actuator/health
                   notifier-service    http://localhost:%d/actuator/health
                   mail                %s
                   Kafka               %s
                   MongoDB             %s
                   data and logs       %s

                 Demo users: alice, bob, carol, dave. Get a token and talk:
                   TOKEN=$(curl -s -X POST 'http://localhost:%d/dev/token?userId=alice' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
                   curl -s -X POST http://localhost:%d/api/messages/send -H "Authorization: Bearer $TOKEN" \\
                        -H 'Content-Type: application/json' -d '{"receiverId":"bob","content":"Hi Bob"}'

                 Ctrl-C stops everything; the next start keeps all data.
                ────────────────────────────────────────────────────────────
                """.formatted(settings.gatewayPort(), settings.gatewayPort(), settings.gatewayPort(), settings.rsocketPort(),
                settings.messageServicePort(), settings.projectionServicePort(),
                settings.presenceServicePort(), settings.notifierServicePort(),
                mail == null ? "SMTP " + settings.externalSmtp()
                        : "SMTP localhost:" + mail.smtpPort() + ", IMAP localhost:" + mail.imapPort()
                                + " (login and password: the address)",
                bootstrapServers, mongoUri, settings.dataDir(), settings.gatewayPort(),
                settings.gatewayPort());
        System.out.println(banner);
    }

    @Override
    public synchronized void close() {
        // Services first (they flush and commit), then the stores they use.
        services.close();
        if (mail != null) {
            mail.close();
            mail = null;
        }
        if (mongo != null) {
            mongo.close();
            mongo = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}
