package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalKafkaTest {

    @Test
    void brokerSettingsComeFromPrefixedEnvironmentVariables() {
        assertThat(LocalKafka.overrides(Map.of(
                "CHAT_KAFKA_BROKER_NUM_IO_THREADS", "2",
                "CHAT_KAFKA_BROKER_LOG_SEGMENT_BYTES", "1048576",
                "CHAT_KAFKA_BROKER_", "ignored",
                "CHAT_TOPICS_PARTITIONS", "3",
                "PATH", "/usr/bin")))
                .containsOnly(Map.entry("num.io.threads", "2"), Map.entry("log.segment.bytes", "1048576"));
    }
}
