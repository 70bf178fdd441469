package dev.chat.servicekit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * When a supervisor starts this service and passes its pid ({@code CHAT_PARENT_PID}), the service
 * shuts down gracefully as soon as the supervisor is gone, even if it was killed without a chance to
 * stop its children.
 */
@AutoConfiguration
@ConditionalOnProperty("chat.parent-pid")
public class ParentProcessWatchdog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);

    private final ConfigurableApplicationContext context;
    private final long parentPid;
    private volatile boolean running;

    ParentProcessWatchdog(ConfigurableApplicationContext context,
            org.springframework.core.env.Environment environment) {
        this.context = context;
        this.parentPid = Long.parseLong(environment.getRequiredProperty("chat.parent-pid"));
    }

    @Override
    public void start() {
        running = true;
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(this::parentGone),
                this::parentGone);
    }

    private void parentGone() {
        if (running) {
            log.warn("Supervising process {} is gone; shutting down", parentPid);
            Thread stopper = new Thread(() -> {
                context.close();
                System.exit(0);
            }, "parent-gone-shutdown");
            stopper.start();
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
