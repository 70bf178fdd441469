package dev.chat.servicekit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * The README's short environment variables ({@code CHAT_SEND_TIMEOUT}) for a service's own settings
 * ({@code chat.gateway.send-timeout}), read from the service's {@value #RESOURCE}: one line per variable, no default —
 * the defaults are stated once, in the settings records ({@code @DefaultValue}). A variable that is set becomes its
 * property, just below the environment itself (the command line and test properties still win); one that is not set
 * leaves the record's default.
 */
public class EnvironmentAliases implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "chat-environment.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> aliased = new LinkedHashMap<>();
        aliases(application.getClassLoader()).forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (value != null) {
                aliased.put(property, value);
            }
        });
        if (aliased.isEmpty()) {
            return;
        }
        MapPropertySource source = new MapPropertySource("chatEnvironmentAliases", aliased);
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addLast(source);
        }
    }

    /** Variable → property, from every {@value #RESOURCE} on the class path. */
    static Map<String, String> aliases(ClassLoader classLoader) {
        Map<String, String> aliases = new LinkedHashMap<>();
        try {
            for (URL url : Collections.list(classLoader.getResources(RESOURCE))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                properties.stringPropertyNames().forEach(name -> aliases.put(name, properties.getProperty(name).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return aliases;
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
