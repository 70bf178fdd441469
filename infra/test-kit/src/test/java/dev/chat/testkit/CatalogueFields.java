package dev.chat.testkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chat.contracts.ChatJson;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Field-by-field comparisons of the catalogue's schemas: with the code's records (both ways, with types), and
 * with samples of a released version (every field a released record had is still described). Each finding names
 * the type and the field.
 */
final class CatalogueFields {

    private final EventCatalogue catalogue;
    private final List<String> findings = new ArrayList<>();

    private CatalogueFields(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Where the record {@code javaType} and the payload schema of {@code type} differ. */
    static List<String> againstCode(EventCatalogue catalogue, String type, Class<?> javaType) {
        CatalogueFields fields = new CatalogueFields(catalogue);
        fields.compare(type, "$", javaType, fields.payloadSchema(type));
        return fields.findings;
    }

    /** The fields of a released sample of {@code type} the catalogue no longer describes. */
    static List<String> undescribed(EventCatalogue catalogue, String type, String release, JsonNode sample) {
        CatalogueFields fields = new CatalogueFields(catalogue);
        fields.describe(type + " (released in " + release + ")", "$", sample, fields.payloadSchema(type));
        return fields.findings;
    }

    private JsonNode payloadSchema(String type) {
        return catalogue.document().at("/components/messages/" + catalogue.types().get(type) + "/payload");
    }

    private JsonNode deref(JsonNode schema) {
        JsonNode node = schema;
        while (node.has("$ref")) {
            node = catalogue.resolve(node.get("$ref").asString());
        }
        return node;
    }

    private void compare(String type, String path, Type javaType, JsonNode schemaNode) {
        JsonNode schema = deref(schemaNode);
        Class<?> raw = raw(javaType);
        if (raw.isRecord()) {
            expectType(type, path, schema, "object", raw);
            Set<String> code = new TreeSet<>(Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getName).toList());
            Map<String, Method> derived = derivedProperties(raw);
            code.addAll(derived.keySet());
            Set<String> described = new TreeSet<>();
            schema.at("/properties").propertyNames().forEach(described::add);
            code.stream().filter(name -> !described.contains(name)).forEach(name -> findings.add(type + ": field "
                    + path + "." + name + " is written by the code (" + raw.getSimpleName() + ") but not in the catalogue"));
            described.stream().filter(name -> !code.contains(name)).forEach(name -> findings.add(type + ": field "
                    + path + "." + name + " is in the catalogue but the code (" + raw.getSimpleName() + ") has no such field"));
            for (RecordComponent component : raw.getRecordComponents()) {
                if (described.contains(component.getName())) {
                    compare(type, path + "." + component.getName(), component.getGenericType(),
                            schema.at("/properties/" + component.getName()));
                }
            }
            derived.forEach((name, method) -> {
                if (described.contains(name)) {
                    compare(type, path + "." + name, method.getGenericReturnType(), schema.at("/properties/" + name));
                }
            });
        } else if (List.class.isAssignableFrom(raw)) {
            expectType(type, path, schema, "array", raw);
            compare(type, path + "[]", argument(javaType, 0), schema.at("/items"));
        } else if (Map.class.isAssignableFrom(raw)) {
            expectType(type, path, schema, "object", raw);
            compare(type, path + ".*", argument(javaType, 1), schema.at("/additionalProperties"));
        } else if (raw.isEnum()) {
            expectType(type, path, schema, "string", raw);
            Set<String> wire = new TreeSet<>(Arrays.stream(raw.getEnumConstants())
                    .map(constant -> ChatJson.mapper().valueToTree(constant).asString()).toList());
            Set<String> described = new TreeSet<>();
            schema.at("/enum").values().forEach(value -> described.add(value.asString()));
            if (!wire.equals(described)) {
                findings.add(type + ": field " + path + " has the values " + wire + " in the code but " + described
                        + " in the catalogue");
            }
        } else if (raw == String.class) {
            expectType(type, path, schema, "string", raw);
        } else if (raw == Instant.class) {
            expectType(type, path, schema, "string", raw);
            if (!"date-time".equals(schema.at("/format").asString(""))) {
                findings.add(type + ": field " + path + " is a timestamp in the code but has no format date-time");
            }
        } else if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) {
            expectType(type, path, schema, "integer", raw);
        } else if (raw == boolean.class || raw == Boolean.class) {
            expectType(type, path, schema, "boolean", raw);
        } else {
            findings.add(type + ": field " + path + " has a Java type (" + raw.getName() + ") this check does not know");
        }
    }

    /** Properties a record writes besides its components: accessors marked {@code @JsonProperty}. */
    private static Map<String, Method> derivedProperties(Class<?> record) {
        Map<String, Method> derived = new java.util.TreeMap<>();
        for (Method method : record.getMethods()) {
            JsonProperty property = method.getAnnotation(JsonProperty.class);
            if (property != null && method.getParameterCount() == 0) {
                derived.put(property.value().isEmpty() ? method.getName() : property.value(), method);
            }
        }
        return derived;
    }

    private void expectType(String type, String path, JsonNode schema, String expected, Class<?> raw) {
        String described = schema.at("/type").asString("(none)");
        if (!expected.equals(described)) {
            findings.add(type + ": field " + path + " is " + expected + " in the code (" + raw.getSimpleName()
                    + ") but " + described + " in the catalogue");
        }
    }

    private void describe(String type, String path, JsonNode sample, JsonNode schemaNode) {
        JsonNode schema = deref(schemaNode);
        if (sample.isObject()) {
            boolean map = schema.at("/additionalProperties").isObject();
            sample.properties().forEach(field -> {
                JsonNode property = schema.at("/properties/" + field.getKey());
                if (!property.isMissingNode()) {
                    describe(type, path + "." + field.getKey(), field.getValue(), property);
                } else if (map) {
                    describe(type, path + "." + field.getKey(), field.getValue(), schema.at("/additionalProperties"));
                } else {
                    findings.add(type + ": field " + path + "." + field.getKey() + " is no longer in the catalogue");
                }
            });
        } else if (sample.isArray()) {
            sample.values().forEach(item -> describe(type, path + "[]", item, schema.at("/items")));
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType();
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
