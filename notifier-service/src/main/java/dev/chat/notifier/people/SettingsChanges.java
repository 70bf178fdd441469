package dev.chat.notifier.people;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The one owner of {@code notify_changes}: a short log of "someone's notification settings changed" (preferences,
 * push subscriptions) and "the webhook endpoints changed", so that every notifier instance can keep what it needs
 * of those settings in memory and still see a change made through another instance before its next batch.
 *
 * <p>A reader looks at the log at most every {@link #LOOK_EVERY} (a query per batch would cost more than the
 * settings it saves), so a change made through another instance takes effect there within that time.
 *
 * <p>A change is logged <em>before</em> the settings are written. A reader keeps reading a changed item again for
 * {@link #SETTLE} after the change was logged (the write lands meanwhile; hosts' clocks may differ that much), so
 * no order of "log, write, look" leaves a reader with the settings from before. Entries older than
 * {@link #RETENTION} are removed; a reader that has not looked for that long reads everything again.
 */
@Component
public class SettingsChanges {

    static final String COLLECTION = "notify_changes";
    /** How long after a change a reader keeps reading the changed item again. */
    static final Duration SETTLE = Duration.ofSeconds(10);
    /** How often a reader looks at the log at most. */
    public static final Duration LOOK_EVERY = Duration.ofMillis(500);
    /** How long a change stays in the log. */
    static final Duration RETENTION = Duration.ofHours(1);

    /** What changed: one user's settings, or the webhook endpoints. */
    public enum Kind { USER, WEBHOOKS }

    /** One logged change ({@code userId} null for {@link Kind#WEBHOOKS}). */
    public record Change(Kind kind, String userId, Instant at) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    SettingsChanges(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        mongo.getCollection(COLLECTION).createIndex(Indexes.ascending("at"));
    }

    /** Logs that {@code userId}'s settings are about to change. */
    public void user(String userId) {
        log(Kind.USER, userId);
    }

    /** Logs that the webhook endpoints are about to change. */
    public void webhooks() {
        log(Kind.WEBHOOKS, null);
    }

    private void log(Kind kind, String userId) {
        Instant now = clock.instant();
        var changes = mongo.getCollection(COLLECTION);
        changes.insertOne(new Document("_id", new ObjectId()).append("kind", kind.name()).append("userId", userId)
                .append("at", Date.from(now)));
        changes.deleteMany(Filters.lt("at", Date.from(now.minus(RETENTION))));
    }

    /** A reader's place in the log: one per thread that keeps settings in memory. */
    public Watch watch() {
        return new Watch();
    }

    /** Follows the log for one reader (not thread-safe: one reader, one watch). */
    public final class Watch {

        private Instant lookedAt;

        private Watch() {
        }

        /**
         * The changes to (re)apply now: those logged since the last look and those still settling (none if it looked
         * less than {@link #LOOK_EVERY} ago); null when this reader has never looked or not for longer than the log
         * keeps changes (read everything again).
         */
        public List<Change> recent() {
            Instant now = clock.instant();
            Instant last = lookedAt;
            if (last != null && !now.isBefore(last) && now.isBefore(last.plus(LOOK_EVERY))) {
                return List.of();
            }
            lookedAt = now;
            if (last == null || last.isBefore(now.minus(RETENTION).plus(SETTLE))) {
                return null;
            }
            Instant from = (last.isBefore(now) ? last : now).minus(SETTLE);
            List<Change> changes = new ArrayList<>();
            mongo.getCollection(COLLECTION).find(Filters.gt("at", Date.from(from))).forEach(d -> changes.add(
                    new Change(Kind.valueOf(d.getString("kind")), d.getString("userId"), d.getDate("at").toInstant())));
            return changes;
        }
    }
}
