package dev.chat.gateway.users;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.servicekit.readmodels.StringIds;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.chat.servicekit.readmodels.UserProfileView;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import java.util.regex.Pattern;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The gateway's own collection {@value #COLLECTION}: each user's profile as last accepted, with the
 * lower-cased username under a unique index — the one place that decides who holds a username (first
 * to claim wins). Published profiles ({@code chat.users.v1}) follow from it; a user without an account
 * yet starts from the projected profile, if any.
 */
@Component
class Accounts {

    static final String COLLECTION = "accounts";
    private static final String USERNAME_KEY = "usernameKey";

    private final ReactiveMongoTemplate mongo;
    /** Created on first use (and again after a failure), so the gateway starts while Mongo is away. */
    private volatile boolean indexed;

    Accounts(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    private Mono<Void> uniqueUsernames() {
        return indexed ? Mono.empty() : mongo.getCollection(COLLECTION)
                .flatMap(c -> Mono.from(c.createIndex(Indexes.ascending(USERNAME_KEY), new IndexOptions().unique(true))))
                .doOnSuccess(name -> indexed = true)
                .then();
    }

    /** The user's profile: their account, else their projected profile, else their id as username. */
    Mono<ProfileChange.Profile> current(String userId) {
        return StringIds.findOne(mongo.getCollection(COLLECTION), userId)
                .map(Accounts::profile)
                .switchIfEmpty(Mono.defer(() -> StringIds.findOne(mongo.getCollection(ReadModels.PROFILES), userId)
                        .map(UserProfileView::from)
                        .map(view -> new ProfileChange.Profile(userId,
                                view.username() == null ? userId : view.username(), view.fullName(), view.avatarUrl()))))
                .defaultIfEmpty(ProfileChange.Profile.initial(userId));
    }

    /**
     * Whether another user's published profile — one made before this collection held usernames (seeded
     * users, earlier versions), so without an account — already uses this name, regardless of case.
     */
    Mono<Boolean> usedByAnotherProfile(String userId, String username) {
        Pattern exactly = Pattern.compile("^" + Pattern.quote(username) + "$", Pattern.CASE_INSENSITIVE);
        return mongo.getCollection(ReadModels.PROFILES)
                .flatMap(profiles -> Mono.from(profiles.find(Filters.and(Filters.regex(UserProfileView.USERNAME, exactly),
                        Filters.ne("_id", userId))).first()))
                .hasElement();
    }

    /** Stores the profile; false if its username belongs to another user. */
    Mono<Boolean> save(ProfileChange.Profile profile) {
        Document document = new Document("_id", profile.userId())
                .append("username", profile.username())
                .append(USERNAME_KEY, profile.usernameKey())
                .append("fullName", profile.fullName())
                .append("avatarUrl", profile.avatarUrl());
        return uniqueUsernames()
                .then(mongo.getCollection(COLLECTION).flatMap(accounts -> Mono.from(accounts.replaceOne(
                        Filters.eq("_id", profile.userId()), document, new ReplaceOptions().upsert(true)))))
                .thenReturn(true)
                .onErrorResume(e -> isDuplicateKey(e), e -> Mono.just(false));
    }

    private static boolean isDuplicateKey(Throwable e) {
        return e instanceof DuplicateKeyException || e instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    private static ProfileChange.Profile profile(Document document) {
        return new ProfileChange.Profile(document.getString("_id"), document.getString("username"),
                document.getString("fullName"), document.getString("avatarUrl"));
    }
}
