package dev.chat.gateway.groups;

import dev.chat.contracts.AddMembers;
import dev.chat.contracts.CreateGroup;
import dev.chat.contracts.Ids;
import dev.chat.contracts.RemoveMember;
import dev.chat.contracts.RenameGroup;
import dev.chat.gateway.messaging.ActionOutcome;
import dev.chat.gateway.messaging.ConversationCommands;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A user creates a group, renames it, adds or removes members (or leaves): publish the command, await the
 * decision. Protocol-neutral: REST, WebSocket and RSocket only map the outcome.
 */
@Component
public class GroupActions {

    private final ConversationCommands commands;

    GroupActions(ConversationCommands commands) {
        this.commands = commands;
    }

    /** A new group, {@code userId} its first admin; its id is in the outcome. */
    public Mono<ActionOutcome> create(String userId, String name, List<String> memberIds) {
        return commands.submit(new CreateGroup(commandId(), Ids.newGroupId(), userId, name, memberIds, Instant.now()));
    }

    public Mono<ActionOutcome> rename(String userId, String conversationId, String name) {
        return commands.submit(new RenameGroup(commandId(), conversationId, userId, name, Instant.now()));
    }

    public Mono<ActionOutcome> addMembers(String userId, String conversationId, List<String> userIds) {
        return commands.submit(new AddMembers(commandId(), conversationId, userId, userIds, Instant.now()));
    }

    /** Removes a member; removing yourself is leaving. */
    public Mono<ActionOutcome> removeMember(String userId, String conversationId, String memberId) {
        return commands.submit(new RemoveMember(commandId(), conversationId, userId, memberId, Instant.now()));
    }

    private static String commandId() {
        return UUID.randomUUID().toString();
    }
}
