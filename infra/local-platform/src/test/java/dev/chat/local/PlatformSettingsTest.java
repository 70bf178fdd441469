package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    @Test
    void theNotifierRunsOnC1OnlyAfterTheServicesOwnOptions() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("CHAT_SERVICE_JVM_OPTS", " -Xmx768m "));

        assertThat(settings.serviceJvmOptions()).containsExactly("-Xmx768m");
        assertThat(settings.notifierJvmOptions()).containsExactly("-XX:TieredStopAtLevel=1");
    }

    @Test
    void anEmptyNotifierOptionLeavesItTheServicesOptions() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("CHAT_NOTIFIER_JVM_OPTS", ""));

        assertThat(settings.serviceJvmOptions()).containsExactly("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(settings.notifierJvmOptions()).isEmpty();
    }

    @Test
    void onlyTheNotifierGetsItsOptionsAfterTheServicesOnes() {
        ServiceEnvironment environment = new ServiceEnvironment(
                PlatformSettings.fromEnvironment(Map.of("CHAT_SERVICE_JVM_OPTS", "-Xmx768m")), "localhost:9092",
                "mongodb://localhost:27017/chat", null);

        assertThat(environment.jvmOptions(LocalPlatform.Instance.of("notifier-service")))
                .containsExactly("-Xmx768m", "-XX:TieredStopAtLevel=1");
        assertThat(environment.jvmOptions(LocalPlatform.Instance.of("gateway-service-2"))).containsExactly("-Xmx768m");
    }
}
