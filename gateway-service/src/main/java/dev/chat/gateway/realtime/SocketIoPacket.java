package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A Socket.IO protocol (version 5) packet, carried in an Engine.IO message: a type digit, for binary types the
 * number of attachments and {@code -}, a namespace other than {@code /} followed by {@code ,}, an ack id, then
 * JSON data. {@code 42["sendMessage",{…}]} is an event; {@code 4217["sendMessage",{…}]} one that wants ack 17.
 *
 * @param ackId  -1 when the sender wants no acknowledgement
 * @param data   null when the packet has none
 */
record SocketIoPacket(int type, int attachments, String namespace, long ackId, JsonNode data) {

    static final int CONNECT = 0;
    static final int DISCONNECT = 1;
    static final int EVENT = 2;
    static final int ACK = 3;
    static final int CONNECT_ERROR = 4;
    static final int BINARY_EVENT = 5;
    static final int BINARY_ACK = 6;

    /** A packet that is not Socket.IO: the client is told why and the connection closed. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static SocketIoPacket parse(String text) {
        if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '6') {
            throw new Malformed("not a Socket.IO packet");
        }
        int type = text.charAt(0) - '0';
        int i = 1;
        int attachments = 0;
        if (type == BINARY_EVENT || type == BINARY_ACK) {
            int dash = text.indexOf('-', i);
            if (dash < 0) {
                throw new Malformed("a binary packet names its attachments");
            }
            try {
                attachments = Integer.parseInt(text.substring(i, dash));
            } catch (NumberFormatException e) {
                throw new Malformed("a binary packet names its attachments");
            }
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            namespace = comma < 0 ? text.substring(i) : text.substring(i, comma);
            i = comma < 0 ? text.length() : comma + 1;
        }
        long ackId = -1;
        int digits = i;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - digits < 18) {
            i++;
        }
        if (i > digits) {
            ackId = Long.parseLong(text.substring(digits, i));
        }
        JsonNode data = null;
        if (i < text.length()) {
            try {
                data = ChatJson.mapper().readTree(text.substring(i));
            } catch (JacksonException e) {
                throw new Malformed("malformed JSON");
            }
        }
        return new SocketIoPacket(type, attachments, namespace, ackId, data);
    }

    /** {@code 42["event",data,offset?]} with the data's JSON as given (written once for every session). */
    static String event(String event, String dataJson, String offset) {
        StringBuilder out = new StringBuilder(dataJson.length() + event.length() + 64).append(EngineIoPackets.MESSAGE)
                .append(EVENT).append("[").append(ChatJson.mapper().writeValueAsString(event)).append(',')
                .append(dataJson);
        if (offset != null) {
            out.append(',').append(ChatJson.mapper().writeValueAsString(offset));
        }
        return out.append(']').toString();
    }

    /** {@code 43<id>[answer]}: the acknowledgement of the client's packet {@code ackId}. */
    static String ack(long ackId, Object answer) {
        return "" + EngineIoPackets.MESSAGE + ACK + ackId + "[" + ChatJson.mapper().writeValueAsString(answer) + "]";
    }

    /** {@code 40{"sid":…,"pid":…}}: connected to the main namespace. */
    static String connected(String sid, String pid) {
        return "" + EngineIoPackets.MESSAGE + CONNECT + "{\"sid\":\"" + sid + "\",\"pid\":\"" + pid + "\"}";
    }

    /** {@code 44{"message":…}} (or {@code 44/ns,{…}}): a connection refused, with the reason. */
    static String connectError(String namespace, String message) {
        return "" + EngineIoPackets.MESSAGE + CONNECT_ERROR + ("/".equals(namespace) ? "" : namespace + ",")
                + ChatJson.mapper().writeValueAsString(java.util.Map.of("message", message));
    }

    /** {@code 41}: the server disconnects the socket from the namespace. */
    static String disconnect() {
        return "" + EngineIoPackets.MESSAGE + DISCONNECT;
    }
}
