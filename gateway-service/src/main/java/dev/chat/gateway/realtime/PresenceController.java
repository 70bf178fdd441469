package dev.chat.gateway.realtime;

import dev.chat.contracts.Ids;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiException;
import dev.chat.gateway.wire.RestBodies;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/presence?userIds=a,b}: online and lastSeenAt, from the presence log this gateway follows —
 * of the caller's contacts only, unless {@code chat.gateway.presence-visibility=everyone}.
 */
@RestController
class PresenceController {

    static final int MAX_USERS = 200;

    private final PresenceBoard presence;
    private final CurrentUser currentUser;

    PresenceController(PresenceBoard presence, CurrentUser currentUser) {
        this.presence = presence;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/presence")
    Mono<RestBodies.Presence> presence(@RequestParam(required = false) String userIds) {
        return currentUser.id().flatMap(me -> {
            List<String> ids = userIds == null ? List.of() : Arrays.stream(userIds.split(","))
                    .map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
            if (ids.isEmpty() || ids.size() > MAX_USERS || !ids.stream().allMatch(Ids::isValidUserId)) {
                throw new ApiException(HttpStatus.BAD_REQUEST,
                        "userIds must be a comma-separated list of 1 to " + MAX_USERS + " user ids");
            }
            return presence.presenceFor(me, ids).map(RestBodies.Presence::new);
        });
    }
}
