package dev.chat.gateway.attachments;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.chat.servicekit.readmodels.StringIds;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway's own collection {@value #COLLECTION}: every upload, and which message carries it. The one place
 * that decides an upload's message: a claim is one conditional update, so two sends cannot both carry it.
 */
@Component
class Uploads {

    static final String COLLECTION = "attachments";

    private final ReactiveMongoTemplate mongo;

    Uploads(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    Mono<Void> insert(Upload upload) {
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.insertOne(upload.document()))).then();
    }

    Mono<Upload> find(String id) {
        return StringIds.findOne(mongo.getCollection(COLLECTION), id).map(Upload::from);
    }

    /**
     * Claims the upload for the uploader's message {@code clientMessageId} in {@code conversationId}: only the
     * uploader's, not carried by another message yet (the same message again — a retry — claims it again). Empty
     * if it cannot be claimed.
     */
    Mono<Upload> claim(String id, String uploaderId, String conversationId, String clientMessageId) {
        Bson claimable = Filters.and(Filters.eq("_id", id), Filters.eq(Upload.UPLOADER_ID, uploaderId),
                Filters.or(Filters.eq(Upload.CONVERSATION_ID, null), Filters.and(
                        Filters.eq(Upload.CONVERSATION_ID, conversationId),
                        Filters.eq(Upload.CLIENT_MESSAGE_ID, clientMessageId))));
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.findOneAndUpdate(claimable,
                        Updates.combine(Updates.set(Upload.CONVERSATION_ID, conversationId),
                                Updates.set(Upload.CLIENT_MESSAGE_ID, clientMessageId)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))))
                .map(Upload::from);
    }

    /** The message was refused: its claims end, the uploads are free again. */
    Mono<Void> release(List<String> ids, String uploaderId, String clientMessageId) {
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.updateMany(Filters.and(
                        Filters.in("_id", ids), Filters.eq(Upload.UPLOADER_ID, uploaderId),
                        Filters.eq(Upload.CLIENT_MESSAGE_ID, clientMessageId), Filters.eq(Upload.MESSAGE_ID, null)),
                Updates.combine(Updates.set(Upload.CONVERSATION_ID, null), Updates.set(Upload.CLIENT_MESSAGE_ID, null)))))
                .then();
    }

    /** The message was stored: the uploads it claimed are its, by id. */
    Mono<Void> carriedBy(List<String> ids, String clientMessageId, String messageId) {
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.updateMany(Filters.and(
                        Filters.in("_id", ids), Filters.eq(Upload.CLIENT_MESSAGE_ID, clientMessageId)),
                Updates.set(Upload.MESSAGE_ID, messageId))))
                .then();
    }

    /** Uploads no message carries that were made before {@code cutoff}. */
    Flux<Upload> unattachedBefore(Instant cutoff, int limit) {
        return mongo.getCollection(COLLECTION).flatMapMany(c -> Flux.from(c.find(Filters.and(
                Filters.eq(Upload.CONVERSATION_ID, null), Filters.lt(Upload.CREATED_AT, Date.from(cutoff))))
                .limit(limit))).map(Upload::from);
    }

    /** Deletes the record if still no message carries it; true if it did. */
    Mono<Boolean> deleteUnattached(String id) {
        return mongo.getCollection(COLLECTION).flatMap(c -> Mono.from(c.deleteOne(Filters.and(Filters.eq("_id", id),
                        Filters.eq(Upload.CONVERSATION_ID, null)))))
                .map(result -> result.getDeletedCount() == 1);
    }
}
