package dev.chat.servicekit;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Spans go to {@code CHAT_OTLP_TRACES_ENDPOINT} when it is set, and nowhere when it is not: Spring Boot
 * would otherwise export to {@code localhost:4318} (failing every few seconds), and an empty endpoint
 * stops the service from starting. Lowest precedence: an explicit {@code management.*} setting wins.
 */
public class TraceExportEnvironment implements EnvironmentPostProcessor {

    static final String ENDPOINT = "CHAT_OTLP_TRACES_ENDPOINT";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(ENDPOINT, "").trim();
        Map<String, Object> settings = endpoint.isEmpty()
                ? Map.of("management.tracing.export.otlp.enabled", "false")
                : Map.of("management.opentelemetry.tracing.export.otlp.endpoint", endpoint);
        environment.getPropertySources().addLast(new MapPropertySource("chatTraceExport", settings));
    }
}
