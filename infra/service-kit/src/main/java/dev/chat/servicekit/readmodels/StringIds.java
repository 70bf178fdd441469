package dev.chat.servicekit.readmodels;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.util.Collection;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lookups by {@code _id} through the driver, where ids are strings. Spring Data's templates turn a string
 * id shaped like an ObjectId (24 hex digits) into an ObjectId, so they would never find a user of the
 * original app, whose ids have that shape, nor a message (whose ids do too).
 */
public final class StringIds {

    private StringIds() {
    }

    public static Mono<Document> findOne(Mono<MongoCollection<Document>> collection, String id) {
        return collection.flatMap(c -> Mono.from(c.find(Filters.eq("_id", id)).first()));
    }

    public static Flux<Document> findAll(Mono<MongoCollection<Document>> collection, Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        return all.isEmpty() ? Flux.empty() : collection.flatMapMany(c -> c.find(Filters.in("_id", all)));
    }
}
