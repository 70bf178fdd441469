package dev.chat.gateway.users;

import dev.chat.gateway.commands.RestRefusals;
import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireUser;
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
    private final ConversationReads reads;
    private final CurrentUser currentUser;

    UsersController(UpdateProfileUseCase profiles, ConversationReads reads, CurrentUser currentUser) {
        this.profiles = profiles;
        this.reads = reads;
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
        return currentUser.id().then(reads.people(q))
                .map(profiles -> new RestBodies.Users(profiles.stream()
                        .map(profile -> WireUser.of(profile.userId(), profile)).toList()));
    }
}
