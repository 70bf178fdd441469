package dev.chat.gateway.blocking;

import dev.chat.gateway.blocklist.BlockList;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.RestRefusals;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.wire.RestBodies;
import java.util.function.BiFunction;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Blocking over REST: block someone, lift it, list whom one blocks. The blocked person is never told; what they
 * notice is what {@code BlockDecider} and the real-time side let them (no writing to the blocker, no presence or
 * typing of theirs).
 */
@RestController
@RequestMapping("/api/users")
class BlocksController {

    private final BlockActions actions;
    private final BlockList blocks;
    private final CurrentUser currentUser;

    BlocksController(BlockActions actions, BlockList blocks, CurrentUser currentUser) {
        this.actions = actions;
        this.blocks = blocks;
        this.currentUser = currentUser;
    }

    /** 200 blocked (again: the same); 400 yourself or a malformed id; 409 at {@link BlockActions#MAX_BLOCKED}. */
    @PutMapping("/{userId}/block")
    Mono<ResponseEntity<?>> block(@PathVariable String userId) {
        return change(userId, true, actions::block);
    }

    /** 200 not blocked (also when they were not). */
    @DeleteMapping("/{userId}/block")
    Mono<ResponseEntity<?>> unblock(@PathVariable String userId) {
        return change(userId, false, actions::unblock);
    }

    @GetMapping("/me/blocked")
    Mono<RestBodies.Blocked> blocked() {
        return currentUser.id().map(me -> new RestBodies.Blocked(blocks.blockedBy(me).stream()
                .map(change -> new RestBodies.BlockedUser(change.blockedId(), change.changedAt())).toList()));
    }

    private Mono<ResponseEntity<?>> change(String userId, boolean blocked,
            BiFunction<String, String, Mono<CommandResult>> action) {
        return currentUser.id().flatMap(me -> action.apply(me, userId)).flatMap(result -> RestRefusals.answer(result,
                done -> Mono.just(ResponseEntity.ok(new RestBodies.Block(userId, blocked)))));
    }
}
