package dev.chat.gateway.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One server → client message, the same on both protocols: {@code {"event": "newMessage", "data": {…},
 * "cursor": "…"}}. Frames that come from the event log carry the cursor to resume after them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Frame(String event, Object data, String cursor) {

    public static Frame of(String event, Object data) {
        return new Frame(event, data, null);
    }
}
