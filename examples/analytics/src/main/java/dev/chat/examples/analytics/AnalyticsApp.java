package dev.chat.examples.analytics;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the analytics topology against a broker and answers {@code GET /stats} with the current figures.
 *
 * <p>Configuration (environment): {@code CHAT_KAFKA_BOOTSTRAP_SERVERS} (localhost:9092),
 * {@code ANALYTICS_APPLICATION_ID} (chat-analytics-example: the consumer group and the prefix of its internal
 * topics; a new id replays the whole log), {@code ANALYTICS_STATE_DIR} (a temporary directory),
 * {@code ANALYTICS_HTTP_PORT} (8095).
 */
public final class AnalyticsApp {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsApp.class);

    private AnalyticsApp() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String bootstrap = env.getOrDefault("CHAT_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        int port = Integer.parseInt(env.getOrDefault("ANALYTICS_HTTP_PORT", "8095"));
        String stateDir = env.getOrDefault("ANALYTICS_STATE_DIR",
                Files.createTempDirectory("chat-analytics").toString());

        createOutputTopic(bootstrap);
        KafkaStreams streams = new KafkaStreams(AnalyticsTopology.build(),
                config(bootstrap, env.getOrDefault("ANALYTICS_APPLICATION_ID", "chat-analytics-example"), stateDir));
        streams.setUncaughtExceptionHandler(failure -> {
            log.error("The topology failed; it stops rather than skip what it cannot count", failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "analytics-shutdown"));
        streams.start();

        StatsQuery query = new StatsQuery(streams);
        HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
        http.createContext("/stats", exchange -> {
            byte[] body;
            int status;
            if (streams.state() != KafkaStreams.State.RUNNING) {
                status = 503;
                body = ChatRecord.JSON.writeValueAsBytes(Map.of("state", streams.state().toString()));
            } else {
                status = 200;
                body = ChatRecord.JSON.writeValueAsBytes(query.stats());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        log.info("Analytics example reading {} from {}; figures at http://localhost:{}/stats, changes on {}",
                AnalyticsTopology.EVENTS, bootstrap, port, AnalyticsTopology.OUTPUT);
    }

    static Properties config(String bootstrap, String applicationId, String stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        // Exactly once: counts survive a crash without counting a record twice; it also reads committed records
        // only, as every consumer of chat.events.v1 must.
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A single broker locally; set 3 against a real cluster.
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        return config;
    }

    private static void createOutputTopic(String bootstrap) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            NewTopic output = new NewTopic(AnalyticsTopology.OUTPUT, Optional.empty(), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact"));
            admin.createTopics(List.of(output)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
