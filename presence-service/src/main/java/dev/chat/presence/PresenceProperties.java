package dev.chat.presence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * presence-service settings ({@code chat.presence.*}; environment variables in the README).
 *
 * @param sessionExpiry a session no heartbeat mentions for this long is gone (gateway heartbeats are more frequent)
 * @param grace         after the last session closes, the user stays online this long; a reconnect within it emits nothing
 * @param sweepInterval how often expiries and grace periods are checked
 */
@ConfigurationProperties("chat.presence")
public record PresenceProperties(
        @DefaultValue("30s") Duration sessionExpiry,
        @DefaultValue("5s") Duration grace,
        @DefaultValue("500ms") Duration sweepInterval) {
}
