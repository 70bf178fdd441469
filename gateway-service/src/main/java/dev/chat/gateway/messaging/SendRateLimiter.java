package dev.chat.gateway.messaging;

import dev.chat.gateway.GatewayProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A token bucket per user for sends on this gateway instance: a burst of {@code sendBurst} messages,
 * refilled at {@code sendRatePerSecond}. Past that, a refusal instead of flooding the backbone.
 */
@Component
class SendRateLimiter {

    static final Refusal REFUSAL = new Refusal(Refusal.Code.RATE_LIMITED, "too many messages; slow down and retry shortly");

    private static final int FORGET_IDLE_USERS_ABOVE = 100_000;

    private final double ratePerNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    SendRateLimiter(GatewayProperties properties) {
        this.ratePerNano = properties.sendRatePerSecond() / 1e9;
        this.burst = properties.sendBurst();
    }

    /** Takes a token from the user's bucket; false if it is empty. */
    boolean tryAcquire(String userId) {
        if (buckets.size() > FORGET_IDLE_USERS_ABOVE) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(userId, id -> new Bucket()).tryTake(System.nanoTime());
    }

    private final class Bucket {
        private double tokens = burst;
        private long refilledAt = System.nanoTime();

        synchronized boolean tryTake(long now) {
            refill(now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
            refilledAt = now;
        }
    }
}
