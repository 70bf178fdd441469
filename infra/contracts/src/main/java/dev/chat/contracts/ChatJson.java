package dev.chat.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON rules of the contracts, pinned explicitly rather than inherited from library defaults. */
public final class ChatJson {

    private static final JsonMapper MAPPER = strictScalars(JsonMapper.builder())
            // Consumers ignore fields they do not know: contracts evolve additively.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A missing primitive (e.g. version) is a broken record, not a zero.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // ISO-8601 instants, readable by every language.
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Fields in declaration order, so records read like their Java definition.
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // Absent optional fields are omitted rather than written as null.
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private ChatJson() {
    }

    /**
     * A number or boolean where a string belongs is an error, not a string: {@code "receiverId": 12345} is
     * refused rather than read as user "12345". Applied to the contracts' mapper and to the web layer's.
     */
    public static JsonMapper.Builder strictScalars(JsonMapper.Builder builder) {
        return builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
