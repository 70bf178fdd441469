package dev.chat.bench;

import dev.chat.contracts.ChatJson;
import tools.jackson.databind.JsonNode;

/** One connected client of the platform under test: a phone, a laptop, a tab. */
interface Device extends AutoCloseable {

    /** Sends a message; its acknowledgement or refusal, and every delivery, come back through the inbox. */
    void send(String receiverId, String clientMessageId, String content);

    @Override
    void close();

    /** Where a device hands what the platform told it, with the moment it arrived. */
    interface Inbox {
        void accept(Inbound frame, long arrivedNanos);
    }

    /**
     * The parts of a server frame the benchmark judges.
     *
     * @param event           {@code messageSent} (ack), {@code newMessage} (delivery), {@code messageError} (refusal) …
     * @param clientMessageId the message's client id, when the frame is about a message
     * @param version         the message's version in its conversation, 0 if none
     * @param detail          the platform's explanation on a refusal or error frame, else null
     */
    record Inbound(String event, String clientMessageId, long version, String detail) {

        /** Reads a {@code {"event": …, "data": {…}}} frame. */
        static Inbound parse(String json) {
            JsonNode frame = ChatJson.mapper().readTree(json);
            return of(frame.path("event").asString(""), frame.path("data"));
        }

        static Inbound of(String event, JsonNode data) {
            return new Inbound(event, data.path("clientMessageId").asString(null), data.path("version").asLong(0),
                    data.path("message").isString() ? data.path("message").asString() : null);
        }
    }

    /** The {@code sendMessage} data, as every protocol carries it. */
    static String sendData(String receiverId, String clientMessageId, String content) {
        return ChatJson.mapper().writeValueAsString(new SendData(receiverId, content, clientMessageId));
    }

    record SendData(String receiverId, String content, String clientMessageId) {
    }
}
