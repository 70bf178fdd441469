package dev.chat.notifier.people;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The one owner of {@code notify_push_subscriptions}: one document per subscription, its id derived from the
 * endpoint (a browser subscribing again with the same endpoint replaces it rather than adding a second).
 */
@Component
public class PushSubscriptions {

    static final String COLLECTION = "notify_push_subscriptions";

    private final MongoTemplate mongo;
    private final SettingsChanges changes;

    PushSubscriptions(MongoTemplate mongo, SettingsChanges changes) {
        this.mongo = mongo;
        this.changes = changes;
    }

    public PushSubscription save(String userId, String endpoint, String p256dh, String auth, Instant expirationTime,
            Instant now) {
        PushSubscription subscription = new PushSubscription(idOf(endpoint), userId, endpoint, p256dh, auth,
                expirationTime, now);
        changes.user(userId);
        mongo.getCollection(COLLECTION).replaceOne(Filters.eq("_id", subscription.id()), new Document("_id",
                        subscription.id()).append("userId", userId).append("endpoint", endpoint)
                        .append("p256dh", p256dh).append("auth", auth)
                        .append("expirationTime", expirationTime == null ? null : Date.from(expirationTime))
                        .append("createdAt", Date.from(now)),
                new ReplaceOptions().upsert(true));
        return subscription;
    }

    public List<PushSubscription> of(String userId) {
        List<PushSubscription> found = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(Filters.eq("userId", userId)).forEach(d -> found.add(subscription(d)));
        return found;
    }

    /** Those of {@code userIds} with at least one subscription (one query). */
    public Set<String> usersAmong(Collection<String> userIds) {
        Set<String> found = new HashSet<>();
        mongo.getCollection(COLLECTION).find(Filters.in("userId", userIds))
                .forEach(d -> found.add(d.getString("userId")));
        return found;
    }

    /** Everyone with at least one subscription. */
    Set<String> users() {
        Set<String> found = new HashSet<>();
        mongo.getCollection(COLLECTION).distinct("userId", String.class).forEach(found::add);
        return found;
    }

    /** Deletes the user's subscription; false if they have none by that id. */
    public boolean delete(String userId, String id) {
        changes.user(userId);
        return mongo.getCollection(COLLECTION).deleteOne(Filters.and(Filters.eq("_id", id),
                Filters.eq("userId", userId))).getDeletedCount() == 1;
    }

    /** The push service said it is gone (404/410). */
    public void expired(PushSubscription subscription) {
        changes.user(subscription.userId());
        mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", subscription.id()));
    }

    static String idOf(String endpoint) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(endpoint.getBytes(StandardCharsets.UTF_8));
            return "ps_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PushSubscription subscription(Document d) {
        Date expiration = d.getDate("expirationTime");
        return new PushSubscription(d.getString("_id"), d.getString("userId"), d.getString("endpoint"),
                d.getString("p256dh"), d.getString("auth"), expiration == null ? null : expiration.toInstant(),
                d.getDate("createdAt").toInstant());
    }
}
