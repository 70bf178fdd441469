package dev.chat.gateway.groups;

import dev.chat.contracts.AddMembers;
import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.CreateGroup;
import dev.chat.contracts.GroupRules;
import dev.chat.contracts.Ids;
import dev.chat.contracts.RemoveMember;
import dev.chat.contracts.RenameGroup;
import dev.chat.gateway.commands.ActionBudgets.Budget;
import dev.chat.gateway.commands.ActionBudgets;
import dev.chat.gateway.commands.CommandBus;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.Refusal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user creates a group, renames it, adds or removes members (or leaves): check what the request says, publish
 * the command, await the decision. Protocol-neutral: REST, WebSocket and RSocket only map the outcome. A request
 * that can never succeed (no group id, a null or malformed user id, a name with control characters) is refused
 * here, at once and in plain words, and never reaches message-service.
 */
@Component
public class GroupActions {

    private final CommandBus commands;
    private final ActionBudgets budgets;

    GroupActions(CommandBus commands, ActionBudgets budgets) {
        this.commands = commands;
        this.budgets = budgets;
    }

    /** A new group, {@code userId} its first admin; its id is in the outcome. Costs a group and each person put in. */
    public Mono<CommandResult> create(String userId, String name, List<String> memberIds) {
        Optional<String> problem = GroupRules.nameProblem(name)
                .or(() -> GroupRules.userIdsProblem("memberIds", memberIds));
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        int people = (int) memberIds.stream().filter(id -> !id.equals(userId)).distinct().count();
        Optional<Refusal> overBudget = budgets.spend(Budget.ADD_PEOPLE, userId, people).or(() -> {
            Optional<Refusal> groups = budgets.spend(Budget.CREATE_GROUP, userId, 1);
            groups.ifPresent(refused -> budgets.giveBack(Budget.ADD_PEOPLE, userId, people));
            return groups;
        });
        return overBudget.map(GroupActions::refused).orElseGet(() -> commands.submit(new CreateGroup(CommandBus.newCommandId(),
                Ids.newGroupId(), userId, name, memberIds, Instant.now())));
    }

    public Mono<CommandResult> rename(String userId, String conversationId, String name) {
        return checked(userId, GroupRules.groupIdProblem(conversationId).or(() -> GroupRules.nameProblem(name)),
                Budget.ACT, 1, () -> new RenameGroup(CommandBus.newCommandId(), conversationId, userId, name, Instant.now()));
    }

    /** Costs each person named. */
    public Mono<CommandResult> addMembers(String userId, String conversationId, List<String> userIds) {
        Optional<String> problem = GroupRules.groupIdProblem(conversationId)
                .or(() -> GroupRules.userIdsProblem("userIds", userIds))
                .or(() -> userIds.isEmpty() ? Optional.of("name at least one user") : Optional.empty());
        int people = problem.isPresent() ? 0 : (int) userIds.stream().distinct().count();
        return checked(userId, problem, Budget.ADD_PEOPLE, people,
                () -> new AddMembers(CommandBus.newCommandId(), conversationId, userId, userIds, Instant.now()));
    }

    /** Removes a member; removing yourself is leaving. */
    public Mono<CommandResult> removeMember(String userId, String conversationId, String memberId) {
        Optional<String> problem = GroupRules.groupIdProblem(conversationId)
                .or(() -> GroupRules.userIdProblem("userId", memberId));
        return checked(userId, problem, Budget.ACT, 1,
                () -> new RemoveMember(CommandBus.newCommandId(), conversationId, userId, memberId, Instant.now()));
    }

    /** Refused at once if the request can never succeed or is over the user's budget; published otherwise. */
    private Mono<CommandResult> checked(String userId, Optional<String> problem, Budget budget, int cost,
            Supplier<ChatCommand> command) {
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        return budgets.spend(budget, userId, cost).map(GroupActions::refused)
                .orElseGet(() -> commands.submit(command.get()));
    }

    private static Mono<CommandResult> refused(Refusal refusal) {
        return Mono.just(CommandResult.refused(refusal));
    }

    private static Mono<CommandResult> invalid(String reason) {
        return refused(Refusal.invalid(reason));
    }
}
