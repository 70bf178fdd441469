package dev.chat.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.core.RSocketConnector;
import io.rsocket.metadata.AuthMetadataCodec;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.transport.netty.client.TcpClientTransport;
import io.rsocket.util.DefaultPayload;
import dev.chat.contracts.ChatJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * A device on the gateway's RSocket TCP port: the bearer token in the setup metadata, events from the
 * {@code chat.events} stream, sends as {@code chat.send} request-response (the response is the ack).
 */
final class RSocketDevice implements Device {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private final RSocket rsocket;
    private final Inbox inbox;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private Disposable stream;

    private RSocketDevice(RSocket rsocket, Inbox inbox) {
        this.rsocket = rsocket;
        this.inbox = inbox;
    }

    static CompletableFuture<RSocketDevice> connect(String host, int port, String token, Inbox inbox) {
        return connector(token)
                .connect(TcpClientTransport.create(host, port))
                .timeout(Duration.ofSeconds(30))
                .toFuture()
                .thenCompose(rsocket -> {
                    RSocketDevice device = new RSocketDevice(rsocket, inbox);
                    device.stream = rsocket.requestStream(payload("chat.events", "{}"))
                            .subscribe(device::onFrame, device.ready::completeExceptionally);
                    return device.ready.thenApply(ok -> device);
                });
    }

    /** A connector whose setup carries the bearer token (composite metadata), as the gateway expects. */
    static RSocketConnector connector(String token) {
        CompositeByteBuf setup = ALLOC.compositeBuffer();
        CompositeMetadataCodec.encodeAndAddMetadata(setup, ALLOC, WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION,
                AuthMetadataCodec.encodeBearerMetadata(ALLOC, token.toCharArray()));
        return RSocketConnector.create()
                .metadataMimeType(WellKnownMimeType.MESSAGE_RSOCKET_COMPOSITE_METADATA.getString())
                .dataMimeType("application/json")
                .setupPayload(DefaultPayload.create(Unpooled.EMPTY_BUFFER, setup));
    }

    private void onFrame(Payload payload) {
        long arrived = System.nanoTime();
        String json = payload.getDataUtf8();
        payload.release();
        Inbound frame = Inbound.parse(json);
        if (frame.event().equals("ready")) {
            ready.complete(null);
        } else if (!frame.event().equals("messageSent")) {
            // The ack is the chat.send response; the stream's copy of it is not counted twice.
            inbox.accept(frame, arrived);
        }
    }

    @Override
    public void send(String receiverId, String clientMessageId, String content) {
        rsocket.requestResponse(payload("chat.send", Device.sendData(receiverId, clientMessageId, content)))
                .subscribe(response -> {
                    long arrived = System.nanoTime();
                    JsonNode message = ChatJson.mapper().readTree(response.getDataUtf8());
                    response.release();
                    inbox.accept(Inbound.of("messageSent", message), arrived);
                }, error -> inbox.accept(new Inbound("messageError", clientMessageId, 0, error.getMessage()),
                        System.nanoTime()));
    }

    static Payload payload(String route, String json) {
        CompositeByteBuf metadata = ALLOC.compositeBuffer();
        ByteBuf routing = TaggingMetadataCodec.createRoutingMetadata(ALLOC, List.of(route)).getContent();
        CompositeMetadataCodec.encodeAndAddMetadata(metadata, ALLOC, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, routing);
        byte[] meta = ByteBufUtil.getBytes(metadata);
        metadata.release();
        return DefaultPayload.create(json.getBytes(StandardCharsets.UTF_8), meta);
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.dispose();
        }
        rsocket.dispose();
    }
}
