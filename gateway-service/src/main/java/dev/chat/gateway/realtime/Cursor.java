package dev.chat.gateway.realtime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A position in {@code chat.events.v1}: for every partition, the offset of the next record the client
 * has not seen. Opaque to clients ({@code c1.} + base64url); valid on every gateway instance because
 * offsets are the log's, not the gateway's.
 */
final class Cursor {

    private static final String PREFIX = "c1.";

    private Cursor() {
    }

    static String encode(Map<Integer, Long> positions) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(positions).forEach((partition, offset) -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(partition).append(':').append(offset);
        });
        return PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The positions, or empty if the text is not a cursor this server wrote. */
    static Optional<Map<Integer, Long>> decode(String cursor) {
        if (cursor == null || !cursor.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length())),
                    StandardCharsets.UTF_8);
            Map<Integer, Long> positions = new TreeMap<>();
            for (String entry : text.split(",")) {
                String[] parts = entry.split(":");
                if (parts.length != 2) {
                    return Optional.empty();
                }
                long offset = Long.parseLong(parts[1]);
                int partition = Integer.parseInt(parts[0]);
                if (offset < 0 || partition < 0) {
                    return Optional.empty();
                }
                positions.put(partition, offset);
            }
            return Optional.of(positions);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
