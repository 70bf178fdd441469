package dev.chat.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class KafkaTracesTest {

    private static Headers traceparent(String value) {
        return new RecordHeaders().add("traceparent", value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyASampledTraceparentCountsAsSampled() {
        assertThat(KafkaTraces.sampled(traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))).isTrue();
        assertThat(KafkaTraces.sampled(traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"))).isFalse();
        assertThat(KafkaTraces.sampled(traceparent("garbage"))).isFalse();
        assertThat(KafkaTraces.sampled(new RecordHeaders())).isFalse();
    }

    @Test
    void withoutASpanTheIncomingTraceparentIsCarriedOnAsItIs() {
        String unsampled = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
        Headers outgoing = new RecordHeaders().add("traceparent", "stale".getBytes(StandardCharsets.UTF_8));
        boolean[] ran = {false};
        KafkaTraces.NOOP.inSpan("chat.decide", traceparent(unsampled), () -> {
            ran[0] = true;
            KafkaTraces.NOOP.carryOn(traceparent(unsampled), outgoing);
            return null;
        });
        assertThat(ran[0]).isTrue();
        assertThat(new String(outgoing.lastHeader("traceparent").value(), StandardCharsets.UTF_8)).isEqualTo(unsampled);
        assertThat(outgoing.headers("traceparent")).hasSize(1);
    }

    @Test
    void onlyASampledTraceparentIsKeptForLater() {
        String sampled = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        assertThat(KafkaTraces.sampledTraceparent(traceparent(sampled))).isEqualTo(sampled);
        assertThat(KafkaTraces.sampledTraceparent(traceparent(sampled.replaceAll("01$", "00")))).isNull();
        assertThat(KafkaTraces.sampledTraceparent(new RecordHeaders())).isNull();
        assertThat(KafkaTraces.NOOP.inSpan("chat.notify.push", (String) null, () -> "sent")).isEqualTo("sent");
    }
}
