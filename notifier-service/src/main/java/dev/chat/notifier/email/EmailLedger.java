package dev.chat.notifier.email;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code notify_email_users}, one document per user: when their last email went, who holds the lease to send
 * the next one, and — while one is being sent — what it covers ({@code sending}: conversation id to the newest
 * version quoted). A lease that ran out with {@code sending} still there means the sender died mid-send: the
 * email may or may not have gone, and it is never sent again (a duplicate email is worse than a missing one).
 */
@Component
class EmailLedger {

    static final String COLLECTION = "notify_email_users";

    /** A claimed user: when they were last emailed, and what an interrupted send covered (empty if none). */
    record Claim(String userId, Instant lastSentAt, Map<String, Long> interrupted, Instant leaseUntil) {
    }

    private final MongoTemplate mongo;

    EmailLedger(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /** The user's lease until {@code leaseUntil}, unless another holds one now. */
    Optional<Claim> claim(String userId, Instant now, Instant leaseUntil) {
        Document filter = new Document("_id", userId).append("leaseUntil", new Document("$lte", Date.from(now)));
        Document update = new Document("$set", new Document("leaseUntil", Date.from(leaseUntil)));
        Document claimed;
        try {
            claimed = collection().findOneAndUpdate(filter, update,
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (MongoWriteException | MongoCommandException e) {
            // The upsert met the user's document held by someone else (a duplicate key): not ours now.
            if (e instanceof MongoWriteException w && ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY
                    || e instanceof MongoCommandException c && c.getErrorCode() == 11000) {
                return Optional.empty();
            }
            throw e;
        }
        if (claimed == null) {
            return Optional.empty();
        }
        Map<String, Long> interrupted = new LinkedHashMap<>();
        for (Document item : claimed.getList("sending", Document.class, List.of())) {
            interrupted.put(item.getString("conversationId"), item.getLong("upTo"));
        }
        Date last = claimed.getDate("lastSentAt");
        return Optional.of(new Claim(userId, last == null ? null : last.toInstant(), interrupted, leaseUntil));
    }

    /** Before the email goes out: what it covers, so a crash during the send is not followed by a second. */
    boolean sending(Claim claim, Map<String, Long> covers) {
        return held(claim, new Document("$set", new Document("sending", covers.entrySet().stream()
                .map(e -> new Document("conversationId", e.getKey()).append("upTo", e.getValue())).toList())));
    }

    /** The email went (or an interrupted one was written off): the interval starts; the lease ends. */
    void sent(Claim claim, Instant at) {
        held(claim, new Document("$set", new Document("lastSentAt", Date.from(at)).append("sending", List.of())
                .append("leaseUntil", new Date(0))));
    }

    /** Nothing sent: clear what an interrupted send covered, end the lease. */
    void release(Claim claim) {
        held(claim, new Document("$set", new Document("sending", List.of()).append("leaseUntil", new Date(0))));
    }

    private boolean held(Claim claim, Document update) {
        return collection().updateOne(new Document("_id", claim.userId())
                .append("leaseUntil", Date.from(claim.leaseUntil())), update).getMatchedCount() == 1;
    }
}
