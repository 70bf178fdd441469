package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatJson;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ContractType;
import dev.chat.contracts.TopicSpec;
import dev.chat.contracts.Topics;
import dev.chat.testkit.ChatSocket;
import dev.chat.testkit.EventCatalogue;
import dev.chat.testkit.KafkaProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.chat.bench.Bench;
import dev.chat.bench.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The whole platform in one test, over real HTTP, as a client of the original app would use it:
 * every send passes through Kafka into Mongo and back out of the read models.
 */
class PlatformEndToEndTest {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlatformEndToEndTest.class);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalPlatform platform;
    private static SpanCollector spans;
    private static String base;
    private static RestClient rest;
    private static int rsocketPort;
    private static int imapPort;
    private static final String MANAGEMENT_TOKEN = "e2e-management-token-0123456789";

    @BeforeAll
    static void start() throws IOException {
        startPlatform(null, null);
    }

    /** Starts the platform with in-process Kafka and Mongo, or with the given external ones. */
    static void startPlatform(String externalKafka, String externalMongo) throws IOException {
        spans = new SpanCollector();
        // Every trace recorded and exported at once, to the collector above.
        // With the notifier: an email is due 5 s after a message nobody read.
        PlatformSettings settings = TestPlatforms.settings(Files.createTempDirectory("e2e"), externalKafka,
                externalMongo, 1, 1, 1, Map.of("CHAT_OTLP_TRACES_ENDPOINT", spans.endpoint(), "CHAT_TRACING_SAMPLING", "1.0",
                        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms",
                        "CHAT_NOTIFY_EMAIL_DELAY", "5s", "CHAT_MANAGEMENT_TOKEN", MANAGEMENT_TOKEN), true);
        platform = new LocalPlatform(settings).start();
        base = "http://localhost:" + settings.gatewayPort();
        rest = new RestClient(base);
        rsocketPort = settings.rsocketPort();
        imapPort = settings.imapPort();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (spans != null) {
            spans.close();
        }
    }

    /**
     * The benchmark tool's own smoke run, against the whole platform: every message reaches every device
     * exactly once and in order, over each protocol. Timings are the tool's business, not the test's.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ws", "rsocket", "rest", "socketio", "socketio-polling"})
    void theBenchmarkToolSeesNothingLostDuplicatedOrReordered(String protocol) {
        RunResult result = Bench.load("--gateway", base, "--protocol", protocol, "--rsocket-port",
                Integer.toString(rsocketPort), "--pairs", "8", "--devices", "2", "--rate", "40", "--warmup", "1s",
                "--duration", "3s", "--drain", "30s");

        assertThat(result.sent()).isGreaterThan(100);
        assertThat(result.delivery().count()).as("deliveries measured").isEqualTo(result.sent() * 2);
        assertThat(result.lost()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(result.reordered()).isZero();
        assertThat(result.refused()).isZero();
        assertThat(result.unacked()).isZero();
        assertThat(result.errors()).isZero();
    }

    /**
     * Every service serves /actuator/prometheus, and every metric the Grafana dashboard in infra/deploy plots
     * is among what they serve once the platform has had some traffic (and one dead letter).
     */
    @Test
    void everyMetricTheDashboardPlotsIsServed() throws Exception {
        // Users of their own: the other tests count alice's and bob's messages.
        assertThat(call("POST", "/api/messages/send", token("meter-a"), Map.of("receiverId", "meter-b",
                "content", "measured")).status()).isEqualTo(201);
        try (KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers())) {
            probe.send(new ProducerRecord<>(Topics.COMMANDS.name(), "dm.meter-a.meter-b",
                    "not a command".getBytes(StandardCharsets.UTF_8)));
        }
        String dashboard = Files.readString(TestPlatforms.REPO.resolve("infra/deploy/grafana/chat-platform.json"));
        Set<String> plotted = new TreeSet<>();
        Matcher names = Pattern.compile("\\b((?:chat|kafka|mongodb|jvm|process)_[a-z_]+)").matcher(dashboard);
        while (names.find()) {
            plotted.add(names.group(1));
        }
        assertThat(plotted).contains("chat_sends_total", "chat_send_ack_seconds_bucket", "chat_dead_letters_total",
                "kafka_consumer_fetch_manager_records_lag");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            StringBuilder served = new StringBuilder();
            for (ServiceProcess service : platform.services()) {
                HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + service.port() + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(scrape.statusCode()).as(service.name()).isEqualTo(200);
                served.append(scrape.body());
            }
            assertThat(plotted).allSatisfy(metric -> assertThat(served).as(metric).contains(metric));
        });
    }

    /**
     * One trace follows a send from the gateway's HTTP request through message-service's decision and
     * projection-service's write to the delivery to the recipient's socket, across three Kafka hops.
     */
    @Test
    void oneTraceRunsFromTheSendThroughEveryServiceToTheDelivery() {
        ChatSocket receiver = ChatSocket.connect(base.replace("http", "ws") + "/ws", token("trace-b"));
        try {
            receiver.send("join", Map.of()).await("ready");
            assertThat(call("POST", "/api/messages/send", token("trace-a"), Map.of("receiverId", "trace-b",
                    "content", "follow me")).status()).isEqualTo(201);
            receiver.await("newMessage");
        } finally {
            receiver.close();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, List<SpanCollector.Received>> traces = spans.spans().stream()
                    .collect(Collectors.groupingBy(SpanCollector.Received::traceId));
            List<SpanCollector.Received> complete = traces.values().stream()
                    .filter(trace -> trace.stream().anyMatch(span -> span.is("gateway-service", "http post"))
                            && trace.stream().anyMatch(span -> span.is("message-service", "chat.decide"))
                            && trace.stream().anyMatch(span -> span.is("projection-service", "chat.project"))
                            && trace.stream().anyMatch(span -> span.is("gateway-service", "chat.deliver")))
                    .findFirst().orElse(List.of());
            assertThat(complete).as("a trace with spans of all three services").isNotEmpty();
            log.info("One send's trace: {}", complete);
        });
    }

    @Test
    void twoUsersChatThroughTheWholePlatform() {
        String alice = token("alice");
        String bob = token("bob");
        String carol = token("carol");
        assertThat(call("PUT", "/api/users/me", alice, Map.of("username", "alice", "fullName", "Alice Liddell",
                "avatarUrl", "https://example.com/alice.png")).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                call("GET", "/api/users?q=lidd", bob, null).json().at("/users").findValuesAsString("_id"))
                .containsExactly("alice"));

        RestClient.Response first = call("POST", "/api/messages/send", alice, Map.of("receiverId", "bob", "content", "Hi Bob",
                "clientMessageId", "a-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().at("/message/sender").asString()).isEqualTo("alice");
        assertThat(first.json().at("/message/receiver").asString()).isEqualTo("bob");
        RestClient.Response second = call("POST", "/api/messages/send", alice, Map.of("receiverId", "bob", "content", "Lunch?",
                "clientMessageId", "a-2"));
        assertThat(second.status()).isEqualTo(201);
        long secondVersion = second.json().at("/message/version").asLong();
        // Read your own writes: a send is answered once the read models show it, so the next query does.
        assertThat(call("GET", "/api/messages/conversation/bob", alice, null).json().at("/messages")
                .findValuesAsString("content")).containsExactly("Hi Bob", "Lunch?");

        // A retry with the same clientMessageId is answered with the original message.
        RestClient.Response retry = call("POST", "/api/messages/send", alice, Map.of("receiverId", "bob", "content", "Lunch?",
                "clientMessageId", "a-2"));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().at("/duplicate").asBoolean()).isTrue();
        assertThat(retry.json().at("/message/_id").asString()).isEqualTo(second.json().at("/message/_id").asString());

        // Bob's list: one conversation, two unread, the latest preview, Alice's profile.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode conversations = call("GET", "/api/messages/conversations", bob, null).json().at("/conversations");
            assertThat(conversations.size()).isEqualTo(1);
            assertThat(conversations.at("/0/unreadCount/bob").asLong()).isEqualTo(2);
            assertThat(conversations.at("/0/lastMessage/content").asString()).isEqualTo("Lunch?");
            assertThat(conversations.at("/0/participants").findValuesAsString("fullName")).contains("Alice Liddell");
        });
        assertThat(call("GET", "/api/messages/unread-count", bob, null).json().at("/count").asLong()).isEqualTo(2);
        assertThat(call("GET", "/api/messages/conversations?q=lidd", bob, null).json().at("/conversations").size())
                .isEqualTo(1);
        assertThat(call("GET", "/api/messages/conversations?q=zed", bob, null).json().at("/conversations").size())
                .isZero();

        // Bob pages history: newest page first, then back.
        JsonNode newest = call("GET", "/api/messages/conversation/alice?limit=1", bob, null).json().at("/messages");
        assertThat(newest.size()).isEqualTo(1);
        assertThat(newest.at("/0/content").asString()).isEqualTo("Lunch?");
        JsonNode older = call("GET", "/api/messages/conversation/alice?limit=50&before=" + secondVersion, bob, null)
                .json().at("/messages");
        assertThat(older.size()).isEqualTo(1);
        assertThat(older.at("/0/content").asString()).isEqualTo("Hi Bob");

        // Bob reads: his unread goes to zero, Alice's view shows her messages read.
        String conversationId = first.json().at("/message/conversation").asString();
        assertThat(call("PUT", "/api/messages/read/" + conversationId, bob, null).status()).isEqualTo(200);
        // Read your own writes: the answer came once the read models showed the read, so no waiting here.
        assertThat(call("GET", "/api/messages/unread-count", bob, null).json().at("/count").asLong()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode mine = call("GET", "/api/messages/conversation/bob", alice, null).json().at("/messages");
            assertThat(mine.size()).isEqualTo(2);
            assertThat(mine.findValuesAsString("content")).containsExactly("Hi Bob", "Lunch?");
            assertThat(mine.at("/0/isRead").asBoolean()).isTrue();
        });

        // Carol is no participant.
        RestClient.Response carolReads = call("PUT", "/api/messages/read/" + conversationId, carol, null);
        assertThat(carolReads.status()).isEqualTo(403);
        assertThat(carolReads.json().at("/success").asBoolean()).isFalse();
        assertThat(call("GET", "/api/messages/conversation/alice", carol, null).json().at("/messages").size()).isZero();
    }

    @Test
    void badRequestsGetClearErrors() {
        String dan = token("dan");
        assertThat(call("POST", "/api/messages/send", dan, Map.of("receiverId", "eve", "content", "   ")))
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.json().at("/message").asString()).contains("blank");
                });
        assertThat(call("POST", "/api/messages/send", dan, Map.of("receiverId", "eve", "content", "x".repeat(4001)))
                .status()).isEqualTo(413);
        assertThat(call("POST", "/api/messages/send", dan, Map.of("receiverId", "eve", "content", "hi",
                "type", "video")).status()).isEqualTo(400);
        assertThat(raw("POST", "/api/messages/send", dan, "{\"receiverId\": ").status()).isEqualTo(400);
        assertThat(raw("GET", "/api/messages/conversations", null, null).status()).isEqualTo(401);
        assertThat(raw("GET", "/api/messages/conversations", "not-a-token", null).status()).isEqualTo(401);
    }

    /**
     * The event catalogue holds for what the services really write: after the platform has been driven to write
     * every kind of record, every record on every topic (from the beginning, committed only) is of a type its
     * topic carries and matches that type's schemas; a dead letter carries its reason. Records this class wrote
     * by hand (a malformed command, no {@code ce_source}) are not the platform's and are left out.
     */
    @Test
    void everyRecordTheServicesWriteMatchesTheEventCatalogue() {
        EventCatalogue catalogue = EventCatalogue.load();
        List<TopicSpec> specs = Topics.allWithDeadLetters();
        List<String> topics = specs.stream().map(TopicSpec::name).toList();
        try (KafkaProbe probe = KafkaProbe.start(platform.bootstrapServers(), topics.toArray(String[]::new));
                ChatSocket open = new EveryKindOfRecord(rest, base).drive()) {
            Set<String> everyType = Arrays.stream(ContractType.values()).map(ContractType::typeName)
                    .collect(Collectors.toCollection(TreeSet::new));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Set<String> seen = topics.stream()
                        .flatMap(topic -> probe.records(topic).stream())
                        .map(record -> String.valueOf(CloudEventCodec.header(record.headers(), CloudEventCodec.TYPE)))
                        .collect(Collectors.toCollection(TreeSet::new));
                assertThat(seen).containsAll(everyType);
            });

            for (TopicSpec topic : specs) {
                List<ConsumerRecord<String, byte[]>> records = probe.records(topic.name());
                if (topic.isDeadLetterTopic()) {
                    assertThat(records).allSatisfy(record -> assertThat(record.headers()
                            .lastHeader("kafka_dlt-exception-message")).as(topic.name() + " reason").isNotNull());
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> written = records.stream()
                        .filter(record -> CloudEventCodec.header(record.headers(), CloudEventCodec.SOURCE) != null)
                        .toList();
                assertThat(written).as(topic.name()).isNotEmpty();
                assertThat(written.stream().flatMap(record -> catalogue.problems(record).stream())).as(topic.name())
                        .isEmpty();
            }
        }
    }

    /**
     * Notifications end to end: erin gives an address, frank writes to her while she is not connected, and
     * five seconds later (the email delay here) the email is in her mailbox on the embedded mail server, once,
     * with frank's text escaped in its HTML part.
     */
    @Test
    void anOfflineUserWithAnEmailAddressFindsOneEmailInTheirMailbox() throws Exception {
        String erin = token("erin");
        String frank = token("frank");
        String mailbox = "erin-" + System.nanoTime() + "@example.test";
        RestClient.Response set = call("PUT", "/api/notifications/preferences", erin, Map.of("email", mailbox));
        assertThat(set.status()).as(set.json().toString()).isEqualTo(200);
        assertThat(set.json().at("/preferences/email").asString()).isEqualTo(mailbox);
        assertThat(set.json().at("/preferences/emailNotifications").asString()).isEqualTo("after-delay");
        RestClient.Response bad = call("PUT", "/api/notifications/preferences", erin, Map.of("push", "sometimes"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/message").asString()).contains("push must be one of");
        assertThat(call("GET", "/api/notifications/preferences", erin, null).json().at("/preferences/push").asString())
                .isEqualTo("all");

        assertThat(call("POST", "/api/messages/send", frank, Map.of("receiverId", "erin",
                "content", "<b>are you there?</b>")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(90)).until(() -> Mailboxes.count(imapPort, mailbox) == 1);
        Mailboxes.Email email = Mailboxes.read(imapPort, mailbox).get(0);
        assertThat(email.subject()).isEqualTo("1 new message from frank");
        assertThat(email.text()).contains("<b>are you there?</b>");
        assertThat(email.html()).contains("&lt;b&gt;are you there?&lt;/b&gt;");
        assertThat(email.listUnsubscribe()).contains("/api/notifications/unsubscribe?token=erin.");
        // The email's span continues the trace of frank's send.
        assertTraceFromSendTo("chat.notify.email");

        // The link's one click, without a login, turns emails off.
        String link = email.listUnsubscribe().replaceAll("^<|>$", "");
        RestClient.Response unsubscribed = raw("POST", link.substring(link.indexOf("/api/")), null, null);
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(call("GET", "/api/notifications/preferences", erin, null).json()
                .at("/preferences/emailNotifications").asString()).isEqualTo("off");
        assertThat(raw("POST", "/api/notifications/unsubscribe?token=erin.forged", null, null).status()).isEqualTo(400);

        // A level of the conversation's own, shown with the preferences; null follows erin's own level again.
        String withFrank = dev.chat.contracts.Ids.directConversationId("erin", "frank");
        RestClient.Response quieter = call("PUT", "/api/conversations/" + withFrank + "/notifications", erin,
                Map.of("push", "mentions"));
        assertThat(quieter.status()).as(quieter.json().toString()).isEqualTo(200);
        assertThat(quieter.json().at("/preferences/conversationLevels/0/conversationId").asString()).isEqualTo(withFrank);
        assertThat(quieter.json().at("/preferences/conversationLevels/0/push").asString()).isEqualTo("mentions");
        assertThat(call("PUT", "/api/conversations/" + withFrank + "/notifications", erin, Map.of("push", "loud"))
                .status()).isEqualTo(400);
        RestClient.Response own = raw("PUT", "/api/conversations/" + withFrank + "/notifications", erin,
                "{\"push\": null}");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().at("/preferences/conversationLevels").size()).isZero();

        // Web Push through the gateway: the key a browser subscribes with, and a subscription checked before it is kept.
        String key = call("GET", "/api/push/vapid-public-key", erin, null).json().at("/publicKey").asString();
        assertThat(java.util.Base64.getUrlDecoder().decode(key)).hasSize(65);
        RestClient.Response malformed = call("POST", "/api/push/subscriptions", erin, Map.of("endpoint",
                "https://push.example.test/1", "keys", Map.of("p256dh", "AAAA", "auth", "AAAA")));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/message").asString()).contains("p256dh");
    }

    /** Changing notification settings spends the user's budget of changes: past it, 429 with the reason. */
    @Test
    void notificationSettingChangesHaveABudget() {
        String ivy = token("ivy");
        List<Integer> statuses = new java.util.ArrayList<>();
        RestClient.Response last = null;
        for (int i = 0; i < 40 && (last == null || last.status() != 429); i++) {
            // Refused by the notifier (a bad choice), so each answers at once; the budget is spent all the same.
            last = call("PUT", "/api/notifications/preferences", ivy, Map.of("push", "sometimes"));
            statuses.add(last.status());
        }
        assertThat(statuses).contains(400);
        assertThat(last.status()).as(statuses.toString()).isEqualTo(429);
        assertThat(last.json().at("/message").asString()).contains("too many changes");
        assertThat(last.json().at("/success").asBoolean()).isFalse();
    }

    /**
     * kill -9 of the notifier while it folds messages and sends emails: when it is back (replaying what it had not
     * committed), every user who was due an email has exactly one — none lost, none doubled.
     */
    @Test
    void aNotifierKilledMidBatchLosesNoEmailAndDoublesNone() throws Exception {
        String ivan = token("ivan");
        List<String> mailboxes = new java.util.ArrayList<>();
        long run = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            String user = "kill" + i;
            String token = token(user);
            String mailbox = user + "-" + run + "@example.test";
            assertThat(call("PUT", "/api/notifications/preferences", token, Map.of("email", mailbox)).status())
                    .isEqualTo(200);
            mailboxes.add(mailbox);
        }
        for (int i = 0; i < 12; i++) {
            assertThat(call("POST", "/api/messages/send", ivan, Map.of("receiverId", "kill" + i,
                    "content", "before and after the crash")).status()).isEqualTo(201);
            if (i == 5) {
                platform.kill("notifier-service");
            }
        }
        platform.revive("notifier-service");
        await().atMost(Duration.ofSeconds(90)).until(() -> mailboxes.stream()
                .allMatch(m -> Mailboxes.count(imapPort, m) >= 1));
        // Nothing is due any more for them (a replayed message would be due again): so no email is still to come.
        try (com.mongodb.client.MongoClient mongo = com.mongodb.client.MongoClients.create(platform.mongoUri())) {
            var pending = mongo.getDatabase("chat").getCollection("notify_pending");
            await().atMost(Duration.ofSeconds(60)).until(() -> pending.countDocuments(com.mongodb.client.model.Filters.and(
                    com.mongodb.client.model.Filters.in("userId",
                            java.util.stream.IntStream.range(0, 12).mapToObj(i -> "kill" + i).toList()),
                    com.mongodb.client.model.Filters.lt("emailDueAt", java.util.Date.from(java.time.Instant.parse(
                            "9999-01-01T00:00:00Z"))))) == 0);
        }
        for (String mailbox : mailboxes) {
            assertThat(Mailboxes.count(imapPort, mailbox)).as(mailbox).isEqualTo(1);
        }
    }

    /**
     * An operator registers a webhook through the gateway with the management token (a user's token or none is
     * refused) and receives the next message as a signed CloudEvent.
     */
    @Test
    void anOperatorsWebhookReceivesTheNextMessageSigned() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<String[]> received = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String[] {exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String hook = "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hook\", \"eventTypes\": [\"chat.message.sent.v1\"]}";
            assertThat(raw("POST", "/api/webhooks", null, hook).status()).isEqualTo(401);
            assertThat(raw("POST", "/api/webhooks", token("gina"), hook).status()).isEqualTo(401);
            RestClient.Response registered = raw("POST", "/api/webhooks", MANAGEMENT_TOKEN, hook);
            assertThat(registered.status()).as(String.valueOf(registered.json())).isEqualTo(201);
            String secret = registered.json().at("/secret").asString();

            assertThat(call("POST", "/api/messages/send", token("gina"), Map.of("receiverId", "hank",
                    "content", "hooked")).status()).isEqualTo(201);
            String[] delivery = received.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(delivery).as("a webhook delivery").isNotNull();
            assertThat(delivery[3]).contains("\"type\":\"chat.message.sent.v1\"").contains("\"content\":\"hooked\"");
            assertThat(delivery[0]).isEqualTo(ChatJson.mapper().readTree(delivery[3]).at("/id").asString());
            new com.standardwebhooks.Webhook(secret).verify(delivery[3], java.net.http.HttpHeaders.of(Map.of(
                    "webhook-id", List.of(delivery[0]), "webhook-timestamp", List.of(delivery[1]),
                    "webhook-signature", List.of(delivery[2])), (a, b) -> true));
            assertTraceFromSendTo("chat.notify.webhook");
            RestClient.Response list = raw("GET", "/api/webhooks", MANAGEMENT_TOKEN, null);
            assertThat(list.json().at("/webhooks").toString()).contains(registered.json().at("/id").asString());
        } finally {
            receiver.stop(0);
        }
    }

    /** A trace (every one is sampled here) runs from a send's HTTP request to the notifier's span {@code name}. */
    private static void assertTraceFromSendTo(String name) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(spans.spans().stream()
                .collect(Collectors.groupingBy(SpanCollector.Received::traceId)).values())
                .as("a trace from the gateway's send to the notifier's " + name)
                .anyMatch(trace -> trace.stream().anyMatch(span -> span.is("gateway-service", "http post"))
                        && trace.stream().anyMatch(span -> span.is("notifier-service", name))));
    }

    // --- a tiny HTTP client ---

    private static String token(String user) {
        return rest.token(user);
    }

    private static RestClient.Response call(String method, String path, String token, Object body) {
        return rest.call(method, path, token, body);
    }

    private static RestClient.Response raw(String method, String path, String token, String body) {
        return rest.raw(method, path, token, body);
    }
}
