package dev.chat.gateway.users;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.UserProfileUpdated;
import dev.chat.gateway.messaging.Refusal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A user publishes their profile to {@code chat.users.v1}; projection-service makes it searchable. */
@Component
class UpdateProfileUseCase {

    /** What a user may set; the user is always the authenticated one. A blank username means their id. */
    record ProfileRequest(String username, String fullName, String avatarUrl) {
    }

    sealed interface Outcome {

        record Updated(UserProfileUpdated profile) implements Outcome {
        }

        record Refused(Refusal refusal) implements Outcome {
        }

        default <T> T fold(Function<Updated, T> updated, Function<Refused, T> refused) {
            return this instanceof Updated u ? updated.apply(u) : refused.apply((Refused) this);
        }
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;

    UpdateProfileUseCase(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    Mono<Outcome> update(String userId, ProfileRequest request) {
        String username = request.username() == null || request.username().isBlank() ? userId : request.username().trim();
        if (username.length() > 64 || (request.fullName() != null && request.fullName().length() > 128)
                || (request.avatarUrl() != null && request.avatarUrl().length() > 2048)) {
            return Mono.just(new Outcome.Refused(Refusal.invalid(
                    "username at most 64, fullName at most 128, avatarUrl at most 2048 characters")));
        }
        UserProfileUpdated profile = new UserProfileUpdated(userId, username, request.fullName(), request.avatarUrl(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return Mono.fromFuture(() -> kafka.send(codec.profile(profile))).thenReturn(new Outcome.Updated(profile));
    }
}
