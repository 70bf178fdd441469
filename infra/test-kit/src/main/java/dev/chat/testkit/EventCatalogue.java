package dev.chat.testkit;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The event catalogue ({@code docs/events/asyncapi.yaml}, shipped in the contracts jar) as something to check
 * records against: which types a topic carries, and whether a record's headers and value match its type's
 * schemas. Each problem names the type and the field, e.g. {@code chat.message.sent.v1: $.content: required
 * property 'content' not found}.
 */
public final class EventCatalogue {

    private static final String BASE = "https://chat.dev/events/asyncapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, String> messageByType = new LinkedHashMap<>();
    private final Map<String, JsonNode> channelByTopic = new LinkedHashMap<>();
    private final Map<String, List<String>> typesByTopic = new LinkedHashMap<>();
    private final Map<String, Boolean> compactedByTopic = new LinkedHashMap<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private EventCatalogue(JsonNode document) {
        this.document = document;
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(Map.of(BASE, JSON.writeValueAsString(document)))
                        // Problems name fields as $.content, $.replyTo.messageId …
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
        document.at("/components/messages").properties()
                .forEach(message -> messageByType.put(message.getValue().at("/name").asString(), message.getKey()));
        document.at("/channels").values().forEach(channel -> {
            String topic = channel.at("/address").asString();
            channelByTopic.put(topic, channel);
            typesByTopic.put(topic, channel.at("/messages").valueStream()
                    .map(ref -> resolve(ref.at("/$ref").asString()).at("/name").asString()).toList());
            compactedByTopic.put(topic, channel.at("/bindings/kafka/topicConfiguration/cleanup.policy").valueStream()
                    .anyMatch(policy -> "compact".equals(policy.asString())));
        });
    }

    /** The catalogue the contracts jar carries. */
    public static EventCatalogue load() {
        try (InputStream in = EventCatalogue.class.getClassLoader().getResourceAsStream(Topics.CATALOGUE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(Topics.CATALOGUE_RESOURCE + " is not on the classpath");
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalogue from its YAML text (a test may check a changed copy). */
    public static EventCatalogue of(String yaml) {
        return new EventCatalogue(YAMLMapper.builder().build().readTree(yaml));
    }

    /** The whole document, as JSON. */
    public JsonNode document() {
        return document;
    }

    /** The catalogue's types ({@code ce_type}), each with the name of its message in {@code components.messages}. */
    public Map<String, String> types() {
        return Map.copyOf(messageByType);
    }

    /** The channel whose address is {@code topic}. */
    public Optional<JsonNode> channel(String topic) {
        return Optional.ofNullable(channelByTopic.get(topic));
    }

    /** Every topic the catalogue describes. */
    public List<String> topics() {
        return List.copyOf(channelByTopic.keySet());
    }

    /** The types a topic carries, by its channel's messages. */
    public List<String> typesOn(String topic) {
        return typesByTopic.getOrDefault(topic, List.of());
    }

    /** The node a local {@code $ref} ({@code #/components/…}) points at. */
    public JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("not a reference inside the catalogue: " + ref);
        }
        return document.at(ref.substring(1));
    }

    /** What is wrong with a record of {@code topic}, as a consumer would receive it; empty when nothing is. */
    public List<String> problems(ConsumerRecord<String, byte[]> record) {
        return problems(record.topic(), record.headers(), record.value());
    }

    /**
     * What is wrong with a record: its type must be one the topic carries, its headers must match the type's
     * headers schema and its value the type's payload schema. A record without a value on a compacted topic is a
     * tombstone, and fine.
     */
    public List<String> problems(String topic, Headers headers, byte[] value) {
        if (channel(topic).isEmpty()) {
            return List.of(topic + ": not a topic of the catalogue");
        }
        if (value == null && compactedByTopic.get(topic)) {
            return List.of();
        }
        String type = CloudEventCodec.header(headers, CloudEventCodec.TYPE);
        if (type == null || !typesOn(topic).contains(type)) {
            return List.of(topic + ": ce_type " + type + " is not a type this topic carries " + typesOn(topic));
        }
        ObjectNode headerNode = JSON.createObjectNode();
        for (Header header : headers) {
            headerNode.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        List<String> problems = new ArrayList<>(check(type, "headers", headerNode));
        problems.addAll(payloadProblems(type, value == null ? JSON.nullNode() : JSON.readTree(value)));
        return problems;
    }

    /** What is wrong with {@code payload} as the data of {@code type}. */
    public List<String> payloadProblems(String type, JsonNode payload) {
        if (!messageByType.containsKey(type)) {
            return List.of(type + ": not a type of the catalogue");
        }
        return check(type, "payload", payload);
    }

    /** What is wrong with {@code headers} (names to text) as the headers of a record of {@code type}. */
    public List<String> headerProblems(String type, JsonNode headers) {
        if (!messageByType.containsKey(type)) {
            return List.of(type + ": not a type of the catalogue");
        }
        return check(type, "headers", headers);
    }

    private List<String> check(String type, String part, JsonNode node) {
        Schema schema = schemas.computeIfAbsent(type + "/" + part, key -> registry.getSchema(
                SchemaLocation.of(BASE + "#/components/messages/" + messageByType.get(type) + "/" + part)));
        return schema.validate(node, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(error -> type + (part.equals("headers") ? " headers: " : ": ") + error)
                .toList();
    }
}
