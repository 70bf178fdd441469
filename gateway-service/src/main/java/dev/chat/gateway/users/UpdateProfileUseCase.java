package dev.chat.gateway.users;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.UrlPolicy;
import dev.chat.contracts.UserProfileUpdated;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.commands.Refusal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user changes their profile: the change is applied to the profile as it stands (fields left out keep
 * their value), the username is claimed (unique regardless of case; first to claim wins), and the whole
 * profile is published to {@code chat.users.v1}, where projection-service makes it searchable.
 */
@Component
class UpdateProfileUseCase {

    sealed interface Outcome {

        record Updated(UserProfileUpdated profile) implements Outcome {
        }

        record Refused(Refusal refusal) implements Outcome {
        }

        default <T> T fold(Function<Updated, T> updated, Function<Refused, T> refused) {
            return this instanceof Updated u ? updated.apply(u) : refused.apply((Refused) this);
        }
    }

    private final Accounts accounts;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final UrlPolicy urls;

    UpdateProfileUseCase(Accounts accounts, KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec,
            GatewayProperties properties) {
        this.accounts = accounts;
        this.kafka = kafka;
        this.codec = codec;
        this.urls = new UrlPolicy(properties.allowHttpUrls());
    }

    Mono<Outcome> update(String userId, ProfileChange change) {
        return accounts.current(userId).flatMap(current -> {
            ProfileChange.Result result = change.applyTo(current, urls);
            if (result.refusal() != null) {
                return Mono.just(new Outcome.Refused(result.refusal()));
            }
            ProfileChange.Profile profile = result.profile();
            Outcome taken = new Outcome.Refused(Refusal.conflict(
                    "the username '" + profile.username() + "' is taken; choose another"));
            // A new name must be free among the accounts (the unique index) and the older profiles alike.
            Mono<Boolean> free = profile.usernameKey().equals(current.usernameKey()) ? Mono.just(true)
                    : accounts.usedByAnotherProfile(userId, profile.username()).map(used -> !used);
            return free.flatMap(isFree -> !isFree ? Mono.just(taken)
                    : accounts.save(profile).flatMap(saved -> saved ? publish(profile) : Mono.just(taken)));
        });
    }

    private Mono<Outcome> publish(ProfileChange.Profile profile) {
        UserProfileUpdated published = new UserProfileUpdated(profile.userId(), profile.username(), profile.fullName(),
                profile.avatarUrl(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return Mono.fromFuture(() -> kafka.send(codec.profile(published))).thenReturn(new Outcome.Updated(published));
    }
}
