package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstanceTest {

    @Test
    void anInstanceNameIsItsServiceAndItsNumber() {
        assertThat(LocalPlatform.Instance.of("message-service")).isEqualTo(new LocalPlatform.Instance("message-service", 0));
        assertThat(LocalPlatform.Instance.of("message-service-2"))
                .isEqualTo(new LocalPlatform.Instance("message-service", 1));
        assertThat(LocalPlatform.Instance.of("gateway-service-3")).isEqualTo(new LocalPlatform.Instance("gateway-service", 2));
        assertThat(LocalPlatform.Instance.of("presence-service")).isEqualTo(new LocalPlatform.Instance("presence-service", 0));
    }
}
