package dev.chat.message.messaging;

import dev.chat.contracts.AddMembers;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CreateGroup;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.GroupRules;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.RemoveMember;
import dev.chat.contracts.RenameGroup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a group's membership, as plain code on plain data. The creator is the first admin; admins
 * add and remove members; any member renames the group or leaves it; when the last admin leaves, the
 * longest-standing member becomes one. A group has at most {@code maxMembers} members. Commands that change
 * nothing (adding members already in, renaming to the same name) are accepted and record nothing.
 */
final class GroupDecider {

    private final int maxMembers;
    private final Clock clock;

    GroupDecider(int maxMembers, Clock clock) {
        this.maxMembers = maxMembers;
        this.clock = clock;
    }

    Decision decide(ConversationState state, CreateGroup command) {
        String creator = command.creatorId();
        Optional<Problem> invalid = Optional.<Problem>empty()
                .or(() -> userIdProblem("creatorId", creator))
                .or(() -> Ids.isGroupId(command.conversationId()) ? Optional.empty()
                        : Optional.of(Problem.invalid("a group's id is grp.<uuid>")))
                .or(() -> nameProblem(command.name()))
                .or(() -> userIdsProblem("memberIds", command.memberIds()));
        if (invalid.isPresent()) {
            return invalid.get().refuse(command.commandId(), command.conversationId(), creator);
        }
        if (state.exists()) {
            return Rejections.reject(command.commandId(), command.conversationId(), creator, RejectionCode.CONFLICT,
                    "a conversation with this id already exists");
        }
        Set<String> members = new LinkedHashSet<>();
        members.add(creator);
        members.addAll(command.memberIds());
        if (members.size() > maxMembers) {
            return full(command.commandId(), command.conversationId(), creator);
        }
        GroupCreated created = new GroupCreated(command.conversationId(), 1, command.name().strip(),
                List.copyOf(members), List.of(creator), creator, DecisionTime.now(clock));
        return accepted(command.commandId(), command.conversationId(), creator, created.version(), created);
    }

    Decision decide(ConversationState state, AddMembers command) {
        String actor = command.actorId();
        Optional<Decision> refused = adminOnly(state, command.commandId(), actor, "add members")
                .or(() -> userIdsProblem("userIds", command.userIds())
                        .or(() -> command.userIds().isEmpty() ? Optional.of(Problem.invalid("name at least one user"))
                                : Optional.empty())
                        .map(p -> p.refuse(command.commandId(), state.conversationId(), actor)));
        if (refused.isPresent()) {
            return refused.get();
        }
        List<String> joining = command.userIds().stream().distinct().filter(u -> !state.hasParticipant(u)).toList();
        if (joining.isEmpty()) {
            return accepted(command.commandId(), state.conversationId(), actor, state.version());
        }
        if (state.participants().size() + joining.size() > maxMembers) {
            return full(command.commandId(), state.conversationId(), actor);
        }
        List<String> members = new ArrayList<>(state.participants());
        members.addAll(joining);
        MembersAdded added = new MembersAdded(state.conversationId(), state.version() + 1, actor, joining, members, DecisionTime.now(clock));
        return accepted(command.commandId(), state.conversationId(), actor, added.version(), added);
    }

    Decision decide(ConversationState state, RemoveMember command) {
        String actor = command.actorId();
        boolean leaving = actor != null && actor.equals(command.userId());
        Optional<Decision> refused = leaving ? memberOnly(state, command.commandId(), actor)
                : adminOnly(state, command.commandId(), actor, "remove other members");
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Problem> invalid = userIdProblem("userId", command.userId());
        if (invalid.isPresent()) {
            return invalid.get().refuse(command.commandId(), state.conversationId(), actor);
        }
        if (!state.hasParticipant(command.userId())) {
            // Said plainly rather than accepted as a change of nothing, which the asker would never hear of.
            return Rejections.reject(command.commandId(), state.conversationId(), actor, RejectionCode.CONFLICT,
                    "'" + command.userId() + "' is not a member of this group");
        }
        List<String> members = state.participants().stream().filter(m -> !m.equals(command.userId())).toList();
        List<String> admins = state.admins().stream().filter(a -> !a.equals(command.userId())).toList();
        if (admins.isEmpty() && !members.isEmpty()) {
            admins = List.of(members.get(0));
        }
        MemberRemoved removed = new MemberRemoved(state.conversationId(), state.version() + 1, actor,
                command.userId(), members, admins, DecisionTime.now(clock));
        return accepted(command.commandId(), state.conversationId(), actor, removed.version(), removed);
    }

    Decision decide(ConversationState state, RenameGroup command) {
        String actor = command.actorId();
        Optional<Decision> refused = memberOnly(state, command.commandId(), actor)
                .or(() -> nameProblem(command.name()).map(p -> p.refuse(command.commandId(), state.conversationId(), actor)));
        if (refused.isPresent()) {
            return refused.get();
        }
        String name = command.name().strip();
        if (name.equals(state.name())) {
            return accepted(command.commandId(), state.conversationId(), actor, state.version());
        }
        GroupRenamed renamed = new GroupRenamed(state.conversationId(), state.version() + 1, actor, name,
                state.participants(), DecisionTime.now(clock));
        return accepted(command.commandId(), state.conversationId(), actor, renamed.version(), renamed);
    }

    /** A member of an existing group; strangers learn nothing of which groups exist. */
    private static Optional<Decision> memberOnly(ConversationState state, String commandId, String actor) {
        if (!state.exists() || !state.hasParticipant(actor)) {
            return Optional.of(Rejections.notAParticipant(commandId, state.conversationId(), actor));
        }
        if (!state.isGroup()) {
            return Optional.of(Rejections.reject(commandId, state.conversationId(), actor, RejectionCode.INVALID,
                    "a direct conversation has no members to change"));
        }
        return Optional.empty();
    }

    private static Optional<Decision> adminOnly(ConversationState state, String commandId, String actor, String what) {
        return memberOnly(state, commandId, actor).or(() -> state.isAdmin(actor) ? Optional.empty()
                : Optional.of(Rejections.reject(commandId, state.conversationId(), actor, RejectionCode.NOT_ALLOWED,
                        "only an admin of the group may " + what)));
    }

    private Decision full(String commandId, String conversationId, String actor) {
        return Rejections.reject(commandId, conversationId, actor, RejectionCode.CONFLICT,
                "a group has at most " + maxMembers + " members");
    }

    private static Optional<Problem> nameProblem(String name) {
        return GroupRules.nameProblem(name).map(Problem::invalid);
    }

    private static Optional<Problem> userIdsProblem(String field, List<String> userIds) {
        return GroupRules.userIdsProblem(field, userIds).map(Problem::invalid);
    }

    private static Optional<Problem> userIdProblem(String what, String id) {
        return GroupRules.userIdProblem(what, id).map(Problem::invalid);
    }

    private static Decision accepted(String commandId, String conversationId, String actor, long version,
            dev.chat.contracts.ChatEvent... events) {
        return new Decision(List.of(events), new CommandAccepted(commandId, conversationId, actor, null, false, null,
                version));
    }

}
