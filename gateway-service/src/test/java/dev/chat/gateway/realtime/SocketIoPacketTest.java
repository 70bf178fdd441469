package dev.chat.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Engine.IO 4 and Socket.IO 5 codecs, with the protocol documents' own examples. */
class SocketIoPacketTest {

    @Test
    void packetsOfEveryShapeAreRead() {
        SocketIoPacket connect = SocketIoPacket.parse("0{\"token\":\"t\"}");
        assertThat(connect.type()).isEqualTo(SocketIoPacket.CONNECT);
        assertThat(connect.namespace()).isEqualTo("/");
        assertThat(connect.data().path("token").asString()).isEqualTo("t");

        SocketIoPacket admin = SocketIoPacket.parse("0/admin,{}");
        assertThat(admin.namespace()).isEqualTo("/admin");

        SocketIoPacket event = SocketIoPacket.parse("2[\"sendMessage\",{\"content\":\"hi\"}]");
        assertThat(event.ackId()).isEqualTo(-1);
        assertThat(event.data().get(0).asString()).isEqualTo("sendMessage");

        SocketIoPacket acked = SocketIoPacket.parse("2/admin,13[\"hello\"]");
        assertThat(acked.namespace()).isEqualTo("/admin");
        assertThat(acked.ackId()).isEqualTo(13);

        SocketIoPacket binary = SocketIoPacket.parse("51-[\"upload\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(binary.type()).isEqualTo(SocketIoPacket.BINARY_EVENT);
        assertThat(binary.attachments()).isEqualTo(1);

        assertThat(SocketIoPacket.parse("1").data()).isNull();
    }

    @Test
    void somethingElseIsMalformed() {
        assertThatThrownBy(() -> SocketIoPacket.parse("9")).isInstanceOf(SocketIoPacket.Malformed.class);
        assertThatThrownBy(() -> SocketIoPacket.parse("2[\"broken\"")).isInstanceOf(SocketIoPacket.Malformed.class);
        assertThatThrownBy(() -> SocketIoPacket.parse("5x-[]")).isInstanceOf(SocketIoPacket.Malformed.class);
    }

    @Test
    void packetsAreWrittenAsClientsReadThem() {
        assertThat(SocketIoPacket.event("newMessage", "{\"a\":1}", "c-1")).isEqualTo("42[\"newMessage\",{\"a\":1},\"c-1\"]");
        assertThat(SocketIoPacket.event("userTyping", "{}", null)).isEqualTo("42[\"userTyping\",{}]");
        assertThat(SocketIoPacket.ack(7, Map.of("success", true))).isEqualTo("437[{\"success\":true}]");
        assertThat(SocketIoPacket.connected("s", "p")).isEqualTo("40{\"sid\":\"s\",\"pid\":\"p\"}");
        assertThat(SocketIoPacket.connectError("/admin", "Invalid namespace"))
                .isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void longPollingBodiesHoldSeveralPackets() {
        assertThat(EngineIoPackets.split("4hello\u001e2\u001e4[1]")).containsExactly("4hello", "2", "4[1]");
        assertThat(EngineIoPackets.split("")).isEmpty();
        assertThat(EngineIoPackets.join(List.of("6", "40"))).isEqualTo("6\u001e40");
        assertThat(EngineIoPackets.wellFormed("abc")).isFalse();
        assertThat(EngineIoPackets.wellFormed("bAQIDBA==")).isTrue();
        assertThat(EngineIoPackets.open("s", true, 25000, 20000, 1000)).isEqualTo(
                "0{\"sid\":\"s\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000}");
    }
}
