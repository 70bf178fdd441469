package dev.chat.gateway.users;

import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.messaging.RestRefusals;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireUser;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Profiles over REST: update one's own (a use case), find people in the projected profiles. */
@RestController
@RequestMapping("/api/users")
class UsersController {

    private final UpdateProfileUseCase profiles;
    private final ReactiveMongoTemplate mongo;
    private final CurrentUser currentUser;

    UsersController(UpdateProfileUseCase profiles, ReactiveMongoTemplate mongo, CurrentUser currentUser) {
        this.profiles = profiles;
        this.mongo = mongo;
        this.currentUser = currentUser;
    }

    /** PUT and PATCH alike change only the fields given; 409 if the username is someone else's. */
    @RequestMapping(path = "/me", method = {RequestMethod.PUT, RequestMethod.PATCH})
    Mono<RestBodies.User> updateMe(@RequestBody ProfileChange change) {
        return currentUser.id().flatMap(me -> profiles.update(me, change))
                .flatMap(outcome -> outcome.<Mono<RestBodies.User>>fold(
                        updated -> Mono.just(new RestBodies.User(WireUser.of(updated.profile().userId(),
                                updated.profile().username(), updated.profile().fullName(),
                                updated.profile().avatarUrl()))),
                        refused -> Mono.error(RestRefusals.exception(refused.refusal()))));
    }

    @GetMapping
    Mono<RestBodies.Users> find(@RequestParam(required = false) String q) {
        Query query = new Query().with(Sort.by(UserProfileView.USERNAME)).limit(20);
        if (q != null && !q.isBlank()) {
            Pattern pattern = Pattern.compile(Pattern.quote(q.trim()), Pattern.CASE_INSENSITIVE);
            query.addCriteria(new Criteria().orOperator(Criteria.where(UserProfileView.USERNAME).regex(pattern),
                    Criteria.where(UserProfileView.FULL_NAME).regex(pattern)));
        }
        return currentUser.id().then(mongo.find(query, Document.class, ReadModels.PROFILES)
                .map(UserProfileView::from)
                .map(profile -> WireUser.of(profile.userId(), profile))
                .collectList()
                .map(RestBodies.Users::new));
    }
}
