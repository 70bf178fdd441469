package dev.chat.gateway.users;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.UserProfileUpdated;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiException;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireUser;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Profiles: publish one's own to chat.users.v1; find people from the projected user_profiles. */
@RestController
@RequestMapping("/api/users")
class UsersController {

    record ProfileRequest(String username, String fullName, String avatarUrl) {
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final ReactiveMongoTemplate mongo;
    private final CurrentUser currentUser;
    private final CloudEventCodec codec = new CloudEventCodec("/gateway-service");

    UsersController(KafkaTemplate<String, byte[]> kafka, ReactiveMongoTemplate mongo, CurrentUser currentUser) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.currentUser = currentUser;
    }

    @PutMapping("/me")
    Mono<RestBodies.User> updateMe(@RequestBody ProfileRequest request) {
        return currentUser.id().flatMap(me -> {
            String username = request.username() == null || request.username().isBlank() ? me : request.username().trim();
            if (username.length() > 64 || (request.fullName() != null && request.fullName().length() > 128)
                    || (request.avatarUrl() != null && request.avatarUrl().length() > 2048)) {
                throw new ApiException(HttpStatus.BAD_REQUEST,
                        "username at most 64, fullName at most 128, avatarUrl at most 2048 characters");
            }
            UserProfileUpdated profile = new UserProfileUpdated(me, username, request.fullName(), request.avatarUrl(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            return Mono.fromFuture(() -> kafka.send(codec.profile(profile))).map(sent -> new RestBodies.User(
                    WireUser.of(profile.userId(), profile.username(), profile.fullName(), profile.avatarUrl())));
        });
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
