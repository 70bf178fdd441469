package dev.chat.local.faults;

import java.time.Duration;

/**
 * How hard the fault suite pushes: the light profile runs in CI on every build, the heavy one by command
 * ({@code -Dchat.faults=heavy}, see the README).
 *
 * @param pairs          direct conversations under load (a sender and a receiver each)
 * @param perSecond      messages each sender sends a second
 * @param mongoOutage    how long MongoDB stays away
 * @param everyInstance  kill every instance in turn (both gateways, both message-services, both
 *                       projection-services), not only the second ones
 */
public record FaultProfile(String name, int pairs, double perSecond, Duration mongoOutage, boolean everyInstance) {

    /** MongoDB away 15 s: long enough for every read model to fall behind and catch up, short enough for CI. */
    public static FaultProfile light() {
        return new FaultProfile("light", 6, 2, Duration.ofSeconds(15), false);
    }

    public static FaultProfile heavy() {
        return new FaultProfile("heavy", 40, 5, Duration.ofSeconds(30), true);
    }

    /** The profile the {@code chat.faults} system property names; light when unset. */
    public static FaultProfile fromSystemProperties() {
        String name = System.getProperty("chat.faults", "light");
        return switch (name) {
            case "light" -> light();
            case "heavy" -> heavy();
            default -> throw new IllegalArgumentException("chat.faults is light or heavy, not " + name);
        };
    }

    public double messagesPerSecond() {
        return pairs * perSecond;
    }
}
