package dev.chat.notifier.webhooks;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The one owner of {@code notify_webhook_deliveries}: one document per endpoint and event ({@code _id} =
 * endpoint id, a space, event id), so an event handed over twice (a replay) is one delivery. A delivery is
 * {@code pending} (due at {@code dueAt}), {@code delivered}, {@code dead} (retries exhausted) or {@code dropped}
 * (its endpoint was disabled or deleted). Claiming moves {@code dueAt} a lease ahead: an instance that dies
 * mid-attempt leaves the delivery to be tried again when the lease ends (at least once, same webhook-id).
 */
@Component
class WebhookDeliveries {

    static final String COLLECTION = "notify_webhook_deliveries";
    static final String PENDING = "pending";

    /**
     * A delivery to attempt: its body is the CloudEvent in structured JSON, as it will be sent; {@code traceparent}
     * the event's sampled trace (each attempt's span continues it), else null.
     */
    record Delivery(String id, String endpointId, String eventId, String type, String body, int attempts,
            Instant firstAttemptAt, Instant dueAt, String traceparent) {
    }

    private final MongoTemplate mongo;

    WebhookDeliveries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /** Adds these deliveries, due now; ones already there (a replay) are left as they are. */
    void enqueue(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        List<InsertOneModel<Document>> inserts = new ArrayList<>();
        for (Delivery d : deliveries) {
            Document document = new Document("_id", d.id()).append("endpointId", d.endpointId())
                    .append("eventId", d.eventId()).append("type", d.type()).append("body", d.body())
                    .append("attempts", 0).append("state", PENDING).append("dueAt", Date.from(d.dueAt()));
            inserts.add(new InsertOneModel<>(d.traceparent() == null ? document
                    : document.append("traceparent", d.traceparent())));
        }
        try {
            collection().bulkWrite(inserts, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // Duplicate keys only: those deliveries exist already.
            if (e.getWriteErrors().stream().anyMatch(w -> w.getCode() != 11000)) {
                throw e;
            }
        }
    }

    List<Delivery> due(Instant now, int limit) {
        List<Delivery> due = new ArrayList<>();
        collection().find(Filters.and(Filters.eq("state", PENDING), Filters.lte("dueAt", Date.from(now))))
                .sort(new Document("dueAt", 1)).limit(limit).forEach(d -> due.add(delivery(d)));
        return due;
    }

    /** Takes the delivery for one attempt, until {@code leaseUntil}; false if another instance took it first. */
    boolean claim(Delivery delivery, Instant leaseUntil) {
        return collection().updateOne(new Document("_id", delivery.id()).append("dueAt", Date.from(delivery.dueAt()))
                        .append("state", PENDING),
                new Document("$set", new Document("dueAt", Date.from(leaseUntil)))).getModifiedCount() == 1;
    }

    /** The attempt's outcome: {@code state}, when to try next (pending), what it answered. */
    void attempted(Delivery delivery, Instant at, String state, Instant nextDue, int status) {
        Document set = new Document("state", state).append("attempts", delivery.attempts() + 1)
                .append("lastAttemptAt", Date.from(at)).append("lastStatus", status)
                .append("dueAt", Date.from(nextDue != null ? nextDue : at));
        if (delivery.firstAttemptAt() == null) {
            set.append("firstAttemptAt", Date.from(at));
        }
        collection().updateOne(Filters.eq("_id", delivery.id()), new Document("$set", set));
    }

    long count(String state) {
        return collection().countDocuments(Filters.eq("state", state));
    }

    private static Delivery delivery(Document d) {
        Date first = d.getDate("firstAttemptAt");
        return new Delivery(d.getString("_id"), d.getString("endpointId"), d.getString("eventId"), d.getString("type"),
                d.getString("body"), d.getInteger("attempts", 0), first == null ? null : first.toInstant(),
                d.getDate("dueAt").toInstant(), d.getString("traceparent"));
    }
}
