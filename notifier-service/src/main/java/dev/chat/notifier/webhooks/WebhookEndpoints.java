package dev.chat.notifier.webhooks;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.chat.notifier.people.SettingsChanges;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The one owner of {@code notify_webhooks}. The listener asks it for the endpoints before each batch: they are
 * kept in memory and read again when {@link SettingsChanges} says they changed (through any instance), so no
 * endpoint misses an event after its registration and no batch costs a query for them.
 */
@Component
class WebhookEndpoints {

    static final String COLLECTION = "notify_webhooks";
    /** How long an older secret still signs after a rotation. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final SettingsChanges changes;
    private final SettingsChanges.Watch watch;
    private List<WebhookEndpoint> cached = List.of();

    WebhookEndpoints(MongoTemplate mongo, SettingsChanges changes) {
        this.mongo = mongo;
        this.changes = changes;
        this.watch = changes.watch();
    }

    WebhookEndpoint register(String url, LinkedHashSet<String> eventTypes, Instant now) {
        WebhookEndpoint endpoint = new WebhookEndpoint("wh_" + UUID.randomUUID().toString().replace("-", ""), url,
                eventTypes, List.of(new WebhookEndpoint.Secret(newSecret(), null)), now, null);
        changes.webhooks();
        mongo.getCollection(COLLECTION).insertOne(document(endpoint));
        return endpoint;
    }

    List<WebhookEndpoint> all() {
        List<WebhookEndpoint> all = new ArrayList<>();
        mongo.getCollection(COLLECTION).find().forEach(d -> all.add(endpoint(d)));
        return all;
    }

    /** The endpoints as they are now, read again only when they changed (or may have). */
    synchronized List<WebhookEndpoint> current() {
        List<SettingsChanges.Change> recent = watch.recent();
        if (recent == null || recent.stream().anyMatch(c -> c.kind() == SettingsChanges.Kind.WEBHOOKS)) {
            cached = all();
        }
        return cached;
    }

    Optional<WebhookEndpoint> get(String id) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(Filters.eq("_id", id)).first())
                .map(WebhookEndpoints::endpoint);
    }

    boolean delete(String id) {
        changes.webhooks();
        return mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
    }

    void disable(String id, String reason) {
        changes.webhooks();
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", id), Updates.set("disabledReason", reason));
    }

    /** A new current secret; the previous ones sign for another day. */
    Optional<String> rotate(String id, Instant now) {
        Optional<WebhookEndpoint> found = get(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        changes.webhooks();
        String secret = newSecret();
        List<WebhookEndpoint.Secret> secrets = new ArrayList<>();
        secrets.add(new WebhookEndpoint.Secret(secret, null));
        found.get().secrets().stream().filter(s -> s.expiresAt() == null || s.expiresAt().isAfter(now))
                .map(s -> new WebhookEndpoint.Secret(s.value(), s.expiresAt() != null ? s.expiresAt()
                        : now.plus(ROTATION_OVERLAP)))
                .forEach(secrets::add);
        mongo.getCollection(COLLECTION).updateOne(Filters.eq("_id", id), Updates.set("secrets", secrets(secrets)));
        return Optional.of(secret);
    }

    /** The Standard Webhooks secret format: {@code whsec_} and 24 random bytes in base64. */
    static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static Document document(WebhookEndpoint e) {
        return new Document("_id", e.id()).append("url", e.url()).append("eventTypes", new ArrayList<>(e.eventTypes()))
                .append("secrets", secrets(e.secrets())).append("createdAt", Date.from(e.createdAt()))
                .append("disabledReason", e.disabledReason());
    }

    private static List<Document> secrets(List<WebhookEndpoint.Secret> secrets) {
        return secrets.stream().map(s -> new Document("value", s.value())
                .append("expiresAt", s.expiresAt() == null ? null : Date.from(s.expiresAt()))).toList();
    }

    private static WebhookEndpoint endpoint(Document d) {
        List<WebhookEndpoint.Secret> secrets = d.getList("secrets", Document.class, List.of()).stream()
                .map(s -> new WebhookEndpoint.Secret(s.getString("value"),
                        s.getDate("expiresAt") == null ? null : s.getDate("expiresAt").toInstant()))
                .toList();
        return new WebhookEndpoint(d.getString("_id"), d.getString("url"),
                new LinkedHashSet<>(d.getList("eventTypes", String.class, List.of())), secrets,
                d.getDate("createdAt").toInstant(), d.getString("disabledReason"));
    }
}
