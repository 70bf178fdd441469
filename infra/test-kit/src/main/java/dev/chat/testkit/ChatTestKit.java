package dev.chat.testkit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The platform's infrastructure for tests, started once per test JVM and shared by every test class
 * in it: a real single-node KRaft Kafka broker and the in-process Mongo wire-protocol server, reached
 * through a {@link TcpProxy} so tests can simulate a Mongo outage.
 */
public final class ChatTestKit {

    private static ChatTestKit instance;

    private final EmbeddedKafkaKraftBroker broker;
    private final MongoServer mongo;
    private final TcpProxy mongoProxy;

    private ChatTestKit() {
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        // A single broker can run transactions only with replication factors of one.
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "min.insync.replicas", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress mongoAddress = mongo.bind();
        mongoProxy = new TcpProxy(mongoAddress);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "chat-test-kit-stop"));
    }

    /** The shared kit, started on first use. */
    public static synchronized ChatTestKit get() {
        if (instance == null) {
            instance = new ChatTestKit();
        }
        return instance;
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /**
     * The Mongo URI through the proxy. Short server-selection timeout so an outage surfaces as an error
     * within seconds instead of the driver's default 30 s.
     */
    public String mongoUri(String database) {
        return "mongodb://127.0.0.1:" + mongoProxy.port() + "/" + database
                + "?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000&socketTimeoutMS=5000";
    }

    public TcpProxy mongoProxy() {
        return mongoProxy;
    }

    private void stop() {
        mongoProxy.close();
        mongo.shutdownNow();
        broker.destroy();
    }
}
