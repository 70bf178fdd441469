package dev.chat.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.contracts.PresenceChanged;

/** A user's presence: online, and when last seen (null if never). REST and the {@code presence} frame alike. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"userId", "online", "lastSeenAt"})
public record WirePresence(String userId, boolean online, String lastSeenAt) {

    /** Offline and never seen if nothing is known. */
    public static WirePresence of(String userId, PresenceChanged known) {
        return new WirePresence(userId, known != null && known.online(),
                known == null || known.lastSeenAt() == null ? null : known.lastSeenAt().toString());
    }
}
