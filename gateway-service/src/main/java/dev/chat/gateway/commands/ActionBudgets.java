package dev.chat.gateway.commands;

import dev.chat.gateway.GatewayProperties;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What one user may do on this gateway instance, per kind of write: a token bucket per user and budget, full at
 * first, refilled at a steady rate. Past it, a refusal that says when to try again, instead of flooding the
 * backbone and other people's screens. Each instance keeps its own buckets: behind N instances a user may get up
 * to N times a budget.
 */
@Component
public class ActionBudgets {

    /** The kinds of write, each with its own budget. */
    public enum Budget {
        /** Messages sent. */
        SEND("too many messages; slow down and retry shortly"),
        /** Edits, deletions, reactions, renames and removals. */
        ACT("too many changes; slow down and retry shortly"),
        /** Groups created. */
        CREATE_GROUP("too many new groups; retry later"),
        /** People put into groups, at creation or later. */
        ADD_PEOPLE("too many people added to groups; retry later"),
        /** Messages reported to moderation. */
        REPORT("too many reports; retry later"),
        /** Blocks and unblocks. */
        BLOCK("too many blocks and unblocks; retry later"),
        /** Files uploaded. */
        UPLOAD("too many uploads; retry later");

        private final String refusal;

        Budget(String refusal) {
            this.refusal = refusal;
        }
    }

    private static final int FORGET_IDLE_USERS_ABOVE = 100_000;

    private final Map<Budget, Rate> rates = new EnumMap<>(Budget.class);
    private final Map<Budget, Map<String, Bucket>> buckets = new EnumMap<>(Budget.class);

    ActionBudgets(GatewayProperties properties) {
        GatewayProperties.Budgets budgets = properties.budgets();
        rates.put(Budget.SEND, new Rate(properties.sendRatePerSecond(), properties.sendBurst()));
        rates.put(Budget.ACT, new Rate(budgets.actionsPerSecond(), budgets.actionBurst()));
        rates.put(Budget.CREATE_GROUP, Rate.perHour(budgets.groupsPerHour()));
        rates.put(Budget.ADD_PEOPLE, Rate.perHour(budgets.peopleAddedPerHour()));
        rates.put(Budget.REPORT, Rate.perHour(budgets.reportsPerHour()));
        rates.put(Budget.BLOCK, Rate.perHour(budgets.blocksPerHour()));
        rates.put(Budget.UPLOAD, Rate.perHour(budgets.uploadsPerHour()));
        for (Budget budget : Budget.values()) {
            buckets.put(budget, new ConcurrentHashMap<>());
        }
    }

    /**
     * Spends {@code cost} of the user's budget; if it holds less, nothing is spent and the answer is the refusal
     * to give (the reason, and when {@code cost} will be there).
     */
    public Optional<Refusal> spend(Budget budget, String userId, int cost) {
        return tryTake(budget, userId, cost) ? Optional.empty() : Optional.of(refusal(budget, userId, cost));
    }

    /** Takes {@code cost} tokens from the user's bucket; false (nothing taken) if it holds fewer. */
    private boolean tryTake(Budget budget, String userId, int cost) {
        Map<String, Bucket> users = buckets.get(budget);
        Rate rate = rates.get(budget);
        long now = System.nanoTime();
        if (users.size() > FORGET_IDLE_USERS_ABOVE) {
            users.values().removeIf(bucket -> bucket.isFull(now));
        }
        return users.computeIfAbsent(userId, id -> new Bucket(rate, now)).tryTake(cost, now);
    }

    /** Returns what {@link #spend} took for a request that then went no further. */
    public void giveBack(Budget budget, String userId, int cost) {
        Bucket bucket = buckets.get(budget).get(userId);
        if (bucket != null) {
            bucket.giveBack(cost);
        }
    }

    /**
     * What the user is told when the budget holds too little: the reason, and when {@code cost} will be there (the
     * protocols pass it on: {@code Retry-After}, {@code retryAfter} in a frame); never, if it exceeds the budget.
     */
    private Refusal refusal(Budget budget, String userId, int cost) {
        Rate rate = rates.get(budget);
        if (cost > rate.capacity()) {
            return Refusal.rateLimited("at most " + (long) rate.capacity() + " at once", null);
        }
        Bucket bucket = buckets.get(budget).get(userId);
        long nanos = bucket == null ? 0 : bucket.waitFor(cost, System.nanoTime()).toNanos();
        return Refusal.rateLimited(budget.refusal, Duration.ofSeconds(Math.max(1, (nanos + 999_999_999) / 1_000_000_000)));
    }

    /** A refill rate and a capacity. */
    private record Rate(double perSecond, double capacity) {

        static Rate perHour(int count) {
            return new Rate(count / 3600.0, count);
        }

        double perNano() {
            return perSecond / 1e9;
        }
    }

    private static final class Bucket {
        private final Rate rate;
        private double tokens;
        private long refilledAt;

        Bucket(Rate rate, long now) {
            this.rate = rate;
            this.tokens = rate.capacity();
            this.refilledAt = now;
        }

        synchronized boolean tryTake(int cost, long now) {
            refill(now);
            if (tokens < cost) {
                return false;
            }
            tokens -= cost;
            return true;
        }

        synchronized void giveBack(int cost) {
            tokens = Math.min(rate.capacity(), tokens + cost);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= rate.capacity();
        }

        synchronized Duration waitFor(int cost, long now) {
            refill(now);
            double missing = Math.max(0, cost - tokens);
            return Duration.ofNanos((long) Math.ceil(missing / rate.perNano()));
        }

        private void refill(long now) {
            tokens = Math.min(rate.capacity(), tokens + (now - refilledAt) * rate.perNano());
            refilledAt = now;
        }
    }
}
