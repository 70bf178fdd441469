package dev.chat.gateway.realtime;

import dev.chat.gateway.groups.GroupActions;
import dev.chat.gateway.messaging.ActionOutcome;
import dev.chat.gateway.messaging.MessageActions;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Group changes and message actions on the socket protocols: the same requests on {@code /ws} (as frames)
 * and RSocket (as routes). The effect reaches every participant's sessions through the log
 * ({@code membersChanged}, {@code messageEdited}, {@code messageDeleted}, {@code reactionsUpdated}); the
 * asker gets the conversation's new version, or a refusal in plain words.
 */
@Component
class SocketActions {

    /** The frame events (and RSocket routes after {@code chat.}) this class serves. */
    static final Set<String> EVENTS = Set.of("editMessage", "deleteMessage", "react", "unreact", "createGroup",
            "renameGroup", "addMembers", "removeMember");

    /** {@code conversationId} is optional: every message frame carries it; without it, it is looked up. */
    record EditRequest(String messageId, String conversationId, String content) {
    }

    record MessageRequest(String messageId, String conversationId) {
    }

    record ReactRequest(String messageId, String conversationId, String emoji) {
    }

    record CreateGroupRequest(String name, List<String> memberIds) {
    }

    record RenameRequest(String conversationId, String name) {
    }

    record MembersRequest(String conversationId, List<String> userIds) {
    }

    record RemoveRequest(String conversationId, String userId) {
    }

    /** What the asker is told: the conversation and its version with the change. */
    record Done(String conversationId, long version) {
    }

    private final MessageActions messages;
    private final GroupActions groups;

    SocketActions(MessageActions messages, GroupActions groups) {
        this.messages = messages;
        this.groups = groups;
    }

    /**
     * Performs the action a frame or route names, its data converted by {@code data}; a refusal, or no
     * decision in time, is a {@link FrameException} with the reason.
     */
    Mono<Done> perform(String userId, String event, DataReader data) {
        Mono<ActionOutcome> outcome = switch (event) {
            case "editMessage" -> {
                EditRequest r = data.read(EditRequest.class);
                yield messages.edit(userId, r.messageId(), r.conversationId(), r.content());
            }
            case "deleteMessage" -> {
                MessageRequest r = data.read(MessageRequest.class);
                yield messages.delete(userId, r.messageId(), r.conversationId());
            }
            case "react", "unreact" -> {
                ReactRequest r = data.read(ReactRequest.class);
                yield messages.react(userId, r.messageId(), r.conversationId(), r.emoji(), event.equals("react"));
            }
            case "createGroup" -> {
                CreateGroupRequest r = data.read(CreateGroupRequest.class);
                yield groups.create(userId, r.name(), r.memberIds());
            }
            case "renameGroup" -> {
                RenameRequest r = data.read(RenameRequest.class);
                yield groups.rename(userId, r.conversationId(), r.name());
            }
            case "addMembers" -> {
                MembersRequest r = data.read(MembersRequest.class);
                yield groups.addMembers(userId, r.conversationId(), r.userIds());
            }
            case "removeMember" -> {
                RemoveRequest r = data.read(RemoveRequest.class);
                yield groups.removeMember(userId, r.conversationId(), r.userId());
            }
            default -> throw new FrameException("unknown event '" + event + "'");
        };
        return outcome.map(SocketActions::answer);
    }

    private static Done answer(ActionOutcome outcome) {
        return outcome.fold(
                done -> new Done(done.conversationId(), done.conversationVersion()),
                refused -> {
                    throw FrameException.of(refused.refusal());
                },
                pending -> {
                    throw new FrameException(ActionOutcome.Pending.EXPLANATION);
                });
    }

    /** Reads a request's data as the given type (bad data is a {@link FrameException}). */
    interface DataReader {
        <T> T read(Class<T> type);
    }

}
