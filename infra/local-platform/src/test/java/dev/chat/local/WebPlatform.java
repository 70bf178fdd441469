package dev.chat.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform a browser test class talks to: started before its first test, closed after its last (a
 * platform kept for the whole run would still be running, with its embedded broker, beside the next
 * class's). Skips, saying why, where no Chromium is installed.
 */
final class WebPlatform implements BeforeAllCallback {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** The running platform and the client's address on its gateway. */
    record Running(LocalPlatform platform, String base) implements AutoCloseable {
        @Override
        public void close() {
            platform.close();
        }
    }

    private static Running running;

    /** On a browser test class: its platform runs notifier-service too, with short delays. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @interface WithNotifier {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium here: install the Debian packages chromium and chromium-driver (.ci/run does)");
        // Closed with the class's context, after its last test.
        running = context.getStore(ExtensionContext.Namespace.create(WebPlatform.class))
                .computeIfAbsent(WebPlatform.class, key -> start(context.getRequiredTestClass()
                        .isAnnotationPresent(WithNotifier.class)), Running.class);
    }

    private static Running start(boolean notifier) {
        try {
            // Tests seed histories over REST faster than a person types.
            Map<String, String> environment = new java.util.HashMap<>(Map.of("CHAT_SEND_RATE_PER_SECOND", "500",
                    "CHAT_SEND_BURST", "500"));
            if (notifier) {
                // A push a second after a message, to whoever did nothing for a second; an email after 45 s.
                environment.putAll(Map.of("CHAT_NOTIFY_PUSH_DELAY", "1s", "CHAT_NOTIFY_ACTIVE_WINDOW", "1s",
                        "CHAT_NOTIFY_EMAIL_DELAY", "45s"));
            }
            LocalPlatform platform = new LocalPlatform(TestPlatforms.settings(Files.createTempDirectory("web"), null,
                    null, 1, 1, 1, environment, notifier)).start();
            return new Running(platform, "http://localhost:" + platform.gatewayPort(0) + "/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalPlatform platform() {
        return running.platform();
    }

    static String base() {
        return running.base();
    }
}
