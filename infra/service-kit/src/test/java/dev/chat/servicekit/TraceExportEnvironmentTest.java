package dev.chat.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TraceExportEnvironmentTest {

    private static MockEnvironment after(MockEnvironment environment) {
        new TraceExportEnvironment().postProcessEnvironment(environment, null);
        return environment;
    }

    @Test
    void withoutAnEndpointNothingIsExported() {
        MockEnvironment environment = after(new MockEnvironment());
        assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
    }

    @Test
    void anEndpointIsWhereSpansGo() {
        MockEnvironment environment = after(new MockEnvironment()
                .withProperty("CHAT_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"));
        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isNull();
    }

    @Test
    void anExplicitSettingWins() {
        MockEnvironment environment = after(new MockEnvironment()
                .withProperty("management.tracing.export.otlp.enabled", "true"));
        assertThat(environment.getProperty("management.tracing.export.otlp.enabled")).isEqualTo("true");
    }
}
