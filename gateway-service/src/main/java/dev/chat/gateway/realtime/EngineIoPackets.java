package dev.chat.gateway.realtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The Engine.IO protocol, version 4 (what socket.io-client 4.x speaks): a packet is a type digit and its data;
 * HTTP long-polling carries several in one body, separated by the record separator {@code \u001e}.
 */
final class EngineIoPackets {

    static final char OPEN = '0';
    static final char CLOSE = '1';
    static final char PING = '2';
    static final char PONG = '3';
    static final char MESSAGE = '4';
    static final char UPGRADE = '5';
    static final char NOOP = '6';
    static final String PROBE = "probe";
    static final char SEPARATOR = '\u001e';

    private EngineIoPackets() {
    }

    /** The packets of a long-polling body; an empty list for an empty body. */
    static List<String> split(String payload) {
        List<String> packets = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= payload.length(); i++) {
            if (i == payload.length() || payload.charAt(i) == SEPARATOR) {
                if (i > start) {
                    packets.add(payload.substring(start, i));
                }
                start = i + 1;
            }
        }
        return packets;
    }

    static String join(List<String> packets) {
        return String.join(String.valueOf(SEPARATOR), packets);
    }

    /** Whether {@code packet} is one a client may send: a known type ({@code b…} is a base64 binary packet). */
    static boolean wellFormed(String packet) {
        if (packet.isEmpty()) {
            return false;
        }
        char type = packet.charAt(0);
        return type == 'b' || (type >= CLOSE && type <= NOOP);
    }

    /** The open packet's data: the session id, the upgrades offered, the heartbeat and the largest payload. */
    static String open(String sid, boolean canUpgrade, long pingIntervalMs, long pingTimeoutMs, int maxPayload) {
        return OPEN + "{\"sid\":\"" + sid + "\",\"upgrades\":" + (canUpgrade ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + pingIntervalMs + ",\"pingTimeout\":" + pingTimeoutMs
                + ",\"maxPayload\":" + maxPayload + "}";
    }
}
