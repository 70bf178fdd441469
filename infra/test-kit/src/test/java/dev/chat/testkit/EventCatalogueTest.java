package dev.chat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ChatJson;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.ContractType;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.IndicateTyping;
import dev.chat.contracts.MessageReported;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.PresenceSignal;
import dev.chat.contracts.TopicSpec;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UserProfileUpdated;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event catalogue ({@code docs/events/asyncapi.yaml}) against the AsyncAPI 3.0 schema, against the code (topics,
 * types, fields) and against the samples of every released version: a field removed or retyped fails here, with
 * the type and the field named. Real records of a running platform are checked in {@code PlatformEndToEndTest}.
 */
class EventCatalogueTest {

    private static final Path GOLDEN = Path.of("../contracts/src/test/resources/golden");
    private static final Path RELEASED = Path.of("../../docs/events/samples");
    private static final EventCatalogue CATALOGUE = EventCatalogue.load();

    @Test
    void theCatalogueIsAValidAsyncApi3Document() {
        // The schema of the npm package @asyncapi/specs 6.11.1 (Apache-2.0), its variant with local references.
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        var schema = registry.getSchema(SchemaLocation.of("classpath:asyncapi/asyncapi-3.0.0.schema.json"));

        assertThat(schema.validate(CATALOGUE.document())).isEmpty();
        assertThat(CATALOGUE.document().at("/asyncapi").asString()).isEqualTo("3.0.0");
    }

    @Test
    void everyTopicIsAChannelWithItsKeyPartitionsRetentionAndOwnerAndNoOtherChannelExists() {
        List<TopicSpec> topics = Topics.allWithDeadLetters();

        assertThat(CATALOGUE.topics()).containsExactlyInAnyOrderElementsOf(topics.stream().map(TopicSpec::name).toList());
        for (TopicSpec topic : topics) {
            JsonNode channel = CATALOGUE.channel(topic.name()).orElseThrow();
            JsonNode kafka = channel.at("/bindings/kafka");
            assertThat(kafka.at("/topic").asString()).as(topic.name()).isEqualTo(topic.name());
            assertThat(kafka.at("/partitions").asInt()).as(topic.name() + " partitions").isEqualTo(topic.partitions());
            Map<String, String> configs = topic.configs();
            assertThat(kafka.at("/topicConfiguration/cleanup.policy/0").asString()).as(topic.name() + " cleanup.policy")
                    .isEqualTo(configs.get("cleanup.policy"));
            assertThat(kafka.at("/topicConfiguration/retention.ms").asString(null)).as(topic.name() + " retention.ms")
                    .isEqualTo(configs.get("retention.ms"));
            assertThat(channel.at("/x-key").asString()).as(topic.name() + " key").isEqualTo(topic.key());
            assertThat(channel.at("/x-producer").asString()).as(topic.name() + " owner").isEqualTo(topic.producer());
            assertThat(channel.at("/x-consumers").values().stream().map(JsonNode::asString).toList())
                    .as(topic.name() + " consumers").isEqualTo(topic.consumers());
            String keyTrait = switch (topic.key()) {
                case "userId" -> "UserKeyed";
                case "conversationId" -> "ConversationKeyed";
                default -> "PairKeyed";
            };
            assertThat(CATALOGUE.typesOn(topic.name())).as(topic.name() + " types").isNotEmpty()
                    .allSatisfy(type -> assertThat(messageOf(type).at("/traits/0/$ref").asString())
                            .as(type + " is keyed like " + topic.name()).endsWith("/" + keyTrait));
        }
    }

    @Test
    void everyTypeOfTheCodeIsInTheCatalogueAndEveryTypeOfTheCatalogueIsInTheCode() {
        assertThat(CATALOGUE.types().keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ContractType.values()).map(ContractType::typeName).toList());
        // A message is named like the record it describes.
        assertThat(Arrays.stream(ContractType.values()))
                .allSatisfy(type -> assertThat(CATALOGUE.types().get(type.typeName()))
                        .isEqualTo(type.javaType().getSimpleName()));
    }

    @Test
    void everyFieldOfTheCodeIsInTheCatalogueWithItsTypeAndEveryFieldOfTheCatalogueIsInTheCode() {
        List<String> findings = new ArrayList<>();
        for (ContractType type : ContractType.values()) {
            findings.addAll(CatalogueFields.againstCode(CATALOGUE, type.typeName(), type.javaType()));
        }
        assertThat(findings).isEmpty();
    }

    /** The golden samples are the code's own output (GoldenContractsTest): encoded as the services do, they match. */
    @Test
    void whatTheCodeWritesIsOnTheTopicTheCatalogueSaysAndMatchesItsSchemas() throws IOException {
        CloudEventCodec codec = new CloudEventCodec("/catalogue-test");
        for (Path sample : samples(GOLDEN)) {
            ContractType type = typeOf(sample);
            Object payload = ChatJson.mapper().readValue(sample.toFile(), type.javaType());
            ProducerRecord<String, byte[]> record = encode(codec, payload);

            assertThat(CATALOGUE.typesOn(record.topic())).as(sample + " is written to " + record.topic())
                    .contains(type.typeName());
            assertThat(CATALOGUE.problems(record.topic(), record.headers(), record.value())).as(sample.toString())
                    .isEmpty();
        }
    }

    @Test
    void everyExampleOfTheCatalogueMatchesItsSchemas() {
        for (String type : CATALOGUE.types().keySet()) {
            JsonNode examples = messageOf(type).at("/examples");
            assertThat(examples.size()).as(type + " has an example").isPositive();
            examples.values().forEach(example -> {
                assertThat(CATALOGUE.headerProblems(type, example.at("/headers"))).isEmpty();
                assertThat(CATALOGUE.payloadProblems(type, example.at("/payload"))).isEmpty();
            });
        }
    }

    /**
     * Compatibility: a record written by any released version still matches its type's schema, and every field it
     * had is still described. {@code docs/events/samples/<version>} keeps each release's samples for good.
     */
    @Test
    void theSamplesOfEveryReleasedVersionStillMatchAndEveryFieldTheyHadIsStillDescribed() throws IOException {
        List<Path> releases;
        try (Stream<Path> dirs = Files.list(RELEASED)) {
            releases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(releases).isNotEmpty();
        List<String> findings = new ArrayList<>();
        for (Path release : releases) {
            for (Path sample : samples(release)) {
                findings.addAll(released(CATALOGUE, release.getFileName().toString(), sample));
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void aFieldRemovedFromTheCatalogueOrRetypedFailsWithTheTypeAndTheFieldNamed() throws IOException {
        Path release = RELEASED.resolve("1.0.0");
        Path sample = release.resolve("chat.message.sent.v1.json");

        ObjectNode removed = (ObjectNode) CATALOGUE.document().deepCopy();
        ((ObjectNode) removed.at("/components/schemas/MessageSent/properties")).remove("clientMessageId");
        assertThat(released(EventCatalogue.of(removed.toString()), "1.0.0", sample)).containsExactly(
                "chat.message.sent.v1 (released in 1.0.0): field $.clientMessageId is no longer in the catalogue");
        assertThat(CatalogueFields.againstCode(EventCatalogue.of(removed.toString()), "chat.message.sent.v1",
                ContractType.MESSAGE_SENT.javaType())).containsExactly("chat.message.sent.v1: field $.clientMessageId"
                        + " is written by the code (MessageSent) but not in the catalogue");

        ObjectNode retyped = (ObjectNode) CATALOGUE.document().deepCopy();
        ((ObjectNode) retyped.at("/components/schemas/MessageSent/properties/content")).put("type", "integer");
        assertThat(released(EventCatalogue.of(retyped.toString()), "1.0.0", sample))
                .singleElement().asString().startsWith("chat.message.sent.v1: $.content: ").contains("integer");
    }

    @Test
    void noSchemaRefusesFieldsItDoesNotKnow() {
        List<String> closed = new ArrayList<>();
        find(CATALOGUE.document(), "", closed);
        assertThat(closed).as("additionalProperties: false (consumers must accept new fields)").isEmpty();
    }

    @Test
    void aRecordOfATypeTheTopicDoesNotCarryIsAProblem() {
        CloudEventCodec codec = new CloudEventCodec("/catalogue-test");
        ProducerRecord<String, byte[]> presence = codec.presence(new PresenceChanged("alice", true, Instant.EPOCH,
                Instant.EPOCH));

        assertThat(CATALOGUE.problems(Topics.EVENTS.name(), presence.headers(), presence.value())).singleElement()
                .asString().contains("chat.presence.changed.v1 is not a type this topic carries");
        assertThat(CATALOGUE.problems(Topics.PRESENCE.name(), presence.headers(), "{}".getBytes())).isNotEmpty()
                .allSatisfy(problem -> assertThat(problem).startsWith("chat.presence.changed.v1: $: required property"));
    }

    private static List<String> released(EventCatalogue catalogue, String release, Path sample) throws IOException {
        String type = typeOf(sample).typeName();
        JsonNode node = ChatJson.mapper().readTree(sample.toFile());
        List<String> findings = new ArrayList<>(catalogue.payloadProblems(type, node));
        findings.addAll(CatalogueFields.undescribed(catalogue, type, release, node));
        return findings;
    }

    private static JsonNode messageOf(String type) {
        return CATALOGUE.document().at("/components/messages/" + CATALOGUE.types().get(type));
    }

    private static void find(JsonNode node, String path, List<String> closed) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("additionalProperties") && field.getValue().isBoolean()
                        && !field.getValue().asBoolean()) {
                    closed.add(path);
                }
                find(field.getValue(), path + "/" + field.getKey(), closed);
            });
        } else if (node.isArray()) {
            node.values().forEach(item -> find(item, path + "[]", closed));
        }
    }

    private static List<Path> samples(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** {@code chat.message.sent.v1.json} and its variants ({@code chat.message.sent.v1.reply.json}). */
    private static ContractType typeOf(Path sample) {
        String name = sample.getFileName().toString();
        return Arrays.stream(ContractType.values())
                .filter(type -> name.equals(type.typeName() + ".json") || name.startsWith(type.typeName() + "."))
                .findFirst().orElseThrow(() -> new AssertionError(sample + " is of no type of the code"));
    }

    private static ProducerRecord<String, byte[]> encode(CloudEventCodec codec, Object payload) {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        if (payload instanceof ChatCommand command) {
            return codec.command(command, now);
        } else if (payload instanceof ChatEvent event) {
            return codec.event(event);
        } else if (payload instanceof CommandOutcome outcome) {
            return codec.outcome(outcome, now);
        } else if (payload instanceof ConversationView view) {
            return codec.view(view, now);
        } else if (payload instanceof UserProfileUpdated profile) {
            return codec.profile(profile);
        } else if (payload instanceof PresenceSignal signal) {
            return codec.presenceSignal(signal, now);
        } else if (payload instanceof PresenceChanged presence) {
            return codec.presence(presence);
        } else if (payload instanceof IndicateTyping typing) {
            return codec.typing(typing);
        } else if (payload instanceof MessageReported report) {
            return codec.report(report);
        } else if (payload instanceof BlockChanged change) {
            return codec.block(change);
        } else if (payload instanceof MessagesDelivered delivered) {
            return codec.delivered(delivered);
        }
        throw new AssertionError("no topic for " + payload.getClass());
    }
}
