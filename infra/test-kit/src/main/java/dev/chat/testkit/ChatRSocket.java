package dev.chat.testkit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/** {@link RSocketRequester}s for the gateway, authenticated with a bearer token in the setup metadata. */
public final class ChatRSocket {

    public static final MimeType AUTHENTICATION = MimeType.valueOf("message/x.rsocket.authentication.v0");

    private ChatRSocket() {
    }

    /** The RSocket authentication extension's bearer metadata: type 0x81, then the token. */
    public static byte[] bearer(String token) {
        byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
        byte[] metadata = new byte[bytes.length + 1];
        metadata[0] = (byte) 0x81;
        System.arraycopy(bytes, 0, metadata, 1, bytes.length);
        return metadata;
    }

    private static RSocketRequester.Builder builder(String token) {
        RSocketRequester.Builder builder = RSocketRequester.builder()
                .rsocketStrategies(RSocketStrategies.create())
                // Data is JSON text: tests write it with ChatJson and read it back as a tree.
                .dataMimeType(MimeTypeUtils.APPLICATION_JSON);
        return token == null ? builder : builder.setupMetadata(bearer(token), AUTHENTICATION);
    }

    /** RSocket over WebSocket, e.g. {@code ws://localhost:8080/rsocket}. */
    public static RSocketRequester overWebSocket(String url, String token) {
        return builder(token).websocket(URI.create(url));
    }

    public static RSocketRequester overTcp(String host, int port, String token) {
        return builder(token).tcp(host, port);
    }

    public static String json(Object data) {
        return dev.chat.contracts.ChatJson.mapper().writeValueAsString(data);
    }

    public static tools.jackson.databind.JsonNode tree(String json) {
        return dev.chat.contracts.ChatJson.mapper().readTree(json);
    }
}
