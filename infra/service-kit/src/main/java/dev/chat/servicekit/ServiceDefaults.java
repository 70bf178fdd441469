package dev.chat.servicekit;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings every service shares, stated once in service-kit's {@value #RESOURCE} (the broker, the serializers,
 * the instance id, the management token, tracing and metrics export) rather than in each service's
 * {@code application.yml}. Added below everything else, after the services' own files are read: a service's file,
 * the environment and the command line all win.
 */
public class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "chat-service-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("chatServiceDefaults", new ClassPathResource(RESOURCE))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
