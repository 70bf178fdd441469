package dev.chat.gateway.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.contracts.ChatJson;

/**
 * One server → client message, the same on both protocols: {@code {"event": "newMessage", "data": {…},
 * "cursor": "…"}}. Frames that come from the event log carry the cursor to resume after them.
 *
 * @param data an object to write as JSON, or {@link Json} already written (shared by every session
 *             that gets the same event, so an event is encoded once, not once per session)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Frame(String event, Object data, String cursor) {

    /**
     * JSON text written once, embedded as is.
     *
     * @param source the value it was written from, for a protocol that shows the same data in another shape
     *               (Socket.IO's original message) without parsing the text back; null when only the text is known
     */
    public record Json(String text, Object source) {

        public Json(String text) {
            this(text, null);
        }

        public static Json of(Object value) {
            return new Json(ChatJson.mapper().writeValueAsString(value), value);
        }
    }

    public static Frame of(String event, Object data) {
        return new Frame(event, data, null);
    }

    /** The frame as sent on the wire. */
    public String json() {
        String body = data instanceof Json json ? json.text() : ChatJson.mapper().writeValueAsString(data);
        StringBuilder out = new StringBuilder(body.length() + 64)
                .append("{\"event\":").append(ChatJson.mapper().writeValueAsString(event))
                .append(",\"data\":").append(body);
        if (cursor != null) {
            out.append(",\"cursor\":").append(ChatJson.mapper().writeValueAsString(cursor));
        }
        return out.append('}').toString();
    }
}
