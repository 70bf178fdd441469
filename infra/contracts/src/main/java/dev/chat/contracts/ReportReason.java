package dev.chat.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why a member reports a message to moderation. Written in lower case with dashes ({@code self-harm}). */
public enum ReportReason {
    SPAM, HARASSMENT, HATE, VIOLENCE, SEXUAL, SELF_HARM, OTHER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The reason for a wire name; empty when unknown (the decision turns that into a rejection). */
    public static Optional<ReportReason> fromWire(String value) {
        return Arrays.stream(values()).filter(reason -> reason.wireName().equals(value)).findFirst();
    }

    /** Every wire name, for error messages and the API description. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(ReportReason::wireName).toList());
    }
}
