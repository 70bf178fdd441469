package dev.chat.gateway.blocking;

import dev.chat.contracts.BlockUser;
import dev.chat.contracts.GroupRules;
import dev.chat.contracts.Ids;
import dev.chat.contracts.UnblockUser;
import dev.chat.gateway.blocklist.BlockList;
import dev.chat.gateway.commands.ActionBudgets.Budget;
import dev.chat.gateway.commands.ActionBudgets;
import dev.chat.gateway.commands.CommandBus;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A user blocks someone, or lifts the block: check the request, publish the command to the pair's direct
 * conversation (message-service decides it there, in order with the pair's messages), await the decision, and
 * answer once this gateway's {@link BlockList} shows it — so the user's own list, read right after, has it.
 */
@Component
class BlockActions {

    /** People one user may block at once: each costs every gateway a little memory. */
    static final int MAX_BLOCKED = 1000;
    /** How long the answer waits for the block to reach this gateway's list (it is decided already). */
    private static final Duration SHOWN_WITHIN = Duration.ofSeconds(5);

    private final CommandBus commands;
    private final ActionBudgets budgets;
    private final BlockList blocks;

    BlockActions(CommandBus commands, ActionBudgets budgets, BlockList blocks) {
        this.commands = commands;
        this.budgets = budgets;
        this.blocks = blocks;
    }

    Mono<CommandResult> block(String userId, String blockedId) {
        Optional<Refusal> refused = problem(userId, blockedId).map(Refusal::invalid)
                .or(() -> blocks.count(userId) >= MAX_BLOCKED && !blocks.blocks(userId, blockedId)
                        ? Optional.of(Refusal.conflict("you block as many people as you can (" + MAX_BLOCKED
                                + "); unblock someone first"))
                        : Optional.empty())
                .or(() -> budgets.spend(Budget.BLOCK, userId, 1));
        if (refused.isPresent()) {
            return Mono.just(CommandResult.refused(refused.get()));
        }
        return commands.submit(new BlockUser(CommandBus.newCommandId(), Ids.directConversationId(userId, blockedId), userId,
                blockedId, Instant.now())).flatMap(result -> shown(result, userId, blockedId, true));
    }

    Mono<CommandResult> unblock(String userId, String blockedId) {
        Optional<Refusal> refused = problem(userId, blockedId).map(Refusal::invalid)
                .or(() -> budgets.spend(Budget.BLOCK, userId, 1));
        if (refused.isPresent()) {
            return Mono.just(CommandResult.refused(refused.get()));
        }
        return commands.submit(new UnblockUser(CommandBus.newCommandId(), Ids.directConversationId(userId, blockedId), userId,
                blockedId, Instant.now())).flatMap(result -> shown(result, userId, blockedId, false));
    }

    private static Optional<String> problem(String userId, String blockedId) {
        return GroupRules.userIdProblem("userId", blockedId)
                .or(() -> userId.equals(blockedId) ? Optional.of("you cannot block yourself") : Optional.empty());
    }

    /** The result, once this gateway's list agrees with a decided change (or after a short wait regardless). */
    private Mono<CommandResult> shown(CommandResult result, String userId, String blockedId, boolean blocked) {
        if (!(result instanceof CommandResult.Accepted || result instanceof CommandResult.Duplicate)) {
            return Mono.just(result);
        }
        return Flux.interval(Duration.ZERO, Duration.ofMillis(20))
                .filter(tick -> blocks.blocks(userId, blockedId) == blocked)
                .next()
                .timeout(SHOWN_WITHIN, Mono.just(0L))
                .thenReturn(result);
    }
}
