package dev.chat.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A platform that test classes of one {@link Shape} share: a platform start (five service JVMs on two cores) costs
 * more than most classes' tests. The first class of a shape starts it; the next ones find it running, every service
 * healthy again (a class may have killed one for the launcher to restart); it is closed when a class of another
 * shape starts, or when the run ends — one shared platform runs at a time. {@link ByShape} runs the classes of a
 * shape one after another, after every class that starts its own platform.
 *
 * <p>Classes that share a platform use users of their own (a prefix or a name no other class uses) and leave its
 * settings alone.
 */
final class SharedPlatforms {

    private SharedPlatforms() {
    }

    /** How often the gateways of {@link Shape#TWO_GATEWAYS} ping a Socket.IO client. */
    static final Duration SOCKETIO_PING_INTERVAL = Duration.ofSeconds(1);

    /** On a test class: the shape of platform it shares. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @ExtendWith(Extension.class)
    @interface Shared {
        Shape value();
    }

    /** What a shared platform runs with. */
    enum Shape {
        /**
         * Two gateways, as without sticky sessions; the Socket.IO ping every second (its heartbeats show in
         * seconds, and nothing else uses them).
         */
        TWO_GATEWAYS(2, false, Map.of("CHAT_SOCKETIO_PING_INTERVAL", SOCKETIO_PING_INTERVAL.toMillis() + "ms",
                "CHAT_SOCKETIO_PING_TIMEOUT", "2s")),
        /**
         * The web client's: one gateway and the notifier, with short delays (a push a second after a message, to
         * whoever did nothing for a second; an email after 45 s); tests seed histories over REST faster than a
         * person types.
         */
        /**
         * Small limits and short timings, for the classes that run into them: presence expires 3 s after a session
         * goes quiet (grace 1 s, heartbeats every second), typing lapses after 2 s; a user may send 5 messages at
         * once, then one every 5 s; message-service writes no record over 3,000 bytes; a gateway takes at most 10
         * sends in flight. Two gateways.
         */
        SMALL_LIMITS(2, false, Map.of("CHAT_PRESENCE_SESSION_EXPIRY", "3s", "CHAT_PRESENCE_GRACE", "1s",
                "CHAT_HEARTBEAT_INTERVAL", "1s", "CHAT_TYPING_TTL", "2s", "CHAT_SEND_BURST", "5",
                "CHAT_SEND_RATE_PER_SECOND", "0.2", "CHAT_MESSAGE_MAX_RECORD_BYTES", "3000", "CHAT_IN_FLIGHT_MAX", "10",
                "CHAT_IN_FLIGHT_MIN", "10")),
        WEB(1, true, Map.of("CHAT_SEND_RATE_PER_SECOND", "500", "CHAT_SEND_BURST", "500",
                "CHAT_NOTIFY_PUSH_DELAY", "1s", "CHAT_NOTIFY_ACTIVE_WINDOW", "1s", "CHAT_NOTIFY_EMAIL_DELAY", "45s")) {
            @Override
            void assumeTheMachineCanRunIt() {
                WebPlatform.assumeChromium();
            }
        };

        private final int gateways;
        private final boolean notifier;
        private final Map<String, String> environment;

        Shape(int gateways, boolean notifier, Map<String, String> environment) {
            this.gateways = gateways;
            this.notifier = notifier;
            this.environment = environment;
        }

        /** Skips the class where this machine lacks what its tests need. */
        void assumeTheMachineCanRunIt() {
        }

        private LocalPlatform start() {
            try {
                return new LocalPlatform(TestPlatforms.settings(Files.createTempDirectory(name().toLowerCase()), null,
                        null, gateways, 1, 1, new HashMap<>(environment), notifier)).start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** How long a service the previous class killed may take to be back. */
    private static final Duration BACK_WITHIN = Duration.ofMinutes(3);

    private record Running(Shape shape, LocalPlatform platform) {
    }

    /** The shared platform running now; guarded by the class. */
    private static Running running;

    /** The running shared platform (in a class's {@code @BeforeAll} or tests). */
    static synchronized LocalPlatform platform() {
        return running.platform();
    }

    /** A REST client of the running shared platform's gateway {@code index} (0 the first). */
    static RestClient rest(int index) {
        return new RestClient("http://localhost:" + platform().gatewayPort(index));
    }

    /** Starts or finds the class's shape. */
    static final class Extension implements BeforeAllCallback {

        /** Closes the last shared platform when the run ends. */
        private static final class AtTheEnd implements AutoCloseable {
            @Override
            public void close() {
                synchronized (SharedPlatforms.class) {
                    if (running != null) {
                        running.platform().close();
                        running = null;
                    }
                }
            }
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            Shape shape = context.getRequiredTestClass().getAnnotation(Shared.class).value();
            shape.assumeTheMachineCanRunIt();
            context.getRoot().getStore(ExtensionContext.Namespace.create(SharedPlatforms.class))
                    .computeIfAbsent(AtTheEnd.class, key -> new AtTheEnd(), AtTheEnd.class);
            synchronized (SharedPlatforms.class) {
                if (running != null && running.shape() != shape) {
                    running.platform().close();
                    running = null;
                }
                if (running == null) {
                    running = new Running(shape, shape.start());
                }
                LocalPlatform platform = running.platform();
                await().atMost(BACK_WITHIN).until(platform::healthy);
            }
        }
    }

    /**
     * Classes that start their own platform first, then those of each shape together, each in its name's order:
     * with {@code junit.jupiter.testclass.order.default} (src/test/resources/junit-platform.properties).
     */
    static final class ByShape implements ClassOrderer {
        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator
                    .comparingInt((ClassDescriptor c) -> c.findAnnotation(Shared.class)
                            .map(shared -> shared.value().ordinal() + 1).orElse(0))
                    .thenComparing(c -> c.getTestClass().getName()));
        }
    }
}
