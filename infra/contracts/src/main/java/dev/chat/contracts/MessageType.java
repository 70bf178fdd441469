package dev.chat.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a message carries. Serialized in lower case, as the original app did. */
public enum MessageType {
    TEXT, IMAGE, FILE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type for a wire name, or null when unknown (the decision turns that into a rejection). */
    public static MessageType fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (MessageType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        return null;
    }
}
