package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatJson;
import dev.chat.contracts.CommandAccepted;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.groups.GroupActions;
import dev.chat.gateway.messaging.MarkReadRequest;
import dev.chat.gateway.messaging.MarkReadUseCase;
import dev.chat.gateway.messaging.MessageActions;
import dev.chat.gateway.messaging.SendMessageRequest;
import dev.chat.gateway.messaging.SendMessageUseCase;
import dev.chat.gateway.wire.JsonProblems;
import dev.chat.gateway.wire.WireMessage;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The one socket core: every socket action of every protocol — (user, action name, JSON data) — goes through
 * {@link #dispatch}, which reads the data, calls the action's use case and answers one {@link SocketAnswer}.
 * Endpoints only decode their wire into that call and encode the answer; adding an action touches
 * {@link SocketAction}, this class and one use case, never an endpoint.
 */
@Component
class SocketDispatcher {

    private static final Logger log = LoggerFactory.getLogger(SocketDispatcher.class);
    static final String COULD_NOT_PROCESS = "could not process the request; try again";

    private final SendMessageUseCase sending;
    private final MarkReadUseCase reading;
    private final TypingRelay typing;
    private final MessageActions messages;
    private final GroupActions groups;
    private final PresenceBoard presence;

    SocketDispatcher(SendMessageUseCase sending, MarkReadUseCase reading, TypingRelay typing, MessageActions messages,
            GroupActions groups, PresenceBoard presence) {
        this.sending = sending;
        this.reading = reading;
        this.typing = typing;
        this.messages = messages;
        this.groups = groups;
        this.presence = presence;
    }

    /**
     * Performs the action {@code name} for the connection's user. Never an error for what the client sent or the
     * platform refused — those are {@link SocketAnswer.Refused} — only for the unforeseen.
     */
    Mono<SocketAnswer> dispatch(SocketConnection connection, String name, JsonNode data) {
        SocketAction action = SocketAction.named(name).orElse(null);
        if (action == null) {
            return Mono.just(SocketAnswer.Refused.invalid("unknown event '" + name + "'"));
        }
        connection.touched();
        JsonNode body = data == null || data.isMissingNode() || data.isNull() ? ChatJson.mapper().createObjectNode() : data;
        try {
            if (action == SocketAction.RESUME) {
                return connection.resume(cursor(body)).thenReturn(SocketAnswer.NOTHING).onErrorResume(
                        FrameException.class, e -> Mono.just(SocketAnswer.Refused.invalid(e.getMessage())));
            }
            // Any other action first starts the stream the connection asked for, if nothing did yet (never deaf).
            return connection.join().then(Mono.defer(() -> perform(connection, action, body)))
                    .onErrorResume(FrameException.class, e -> Mono.just(refused(e)))
                    .onErrorResume(e -> !(e instanceof FrameException), e -> {
                        log.warn("Socket action {} of {} failed", name, connection.userId(), e);
                        return Mono.just(new SocketAnswer.Refused(COULD_NOT_PROCESS, true, null, null));
                    });
        } catch (FrameException e) {
            return Mono.just(refused(e));
        }
    }

    private Mono<SocketAnswer> perform(SocketConnection connection, SocketAction action, JsonNode data) {
        String user = connection.userId();
        return switch (action) {
            case JOIN, RESUME -> Mono.just(SocketAnswer.NOTHING);
            case SEND -> Mono.just(send(connection, read(data, SendMessageRequest.class).identified()));
            case MARK_READ -> {
                MarkReadRequest r = read(data, MarkReadRequest.class);
                Function<CommandAccepted, SocketAnswer> read = outcome -> new SocketAnswer.Read(outcome.conversationId(),
                        outcome.readUpToVersion() == null ? 0 : outcome.readUpToVersion());
                yield answer(reading.markRead(user, r.conversationId(), r.upToVersion()), null, read, read);
            }
            case TYPING, STOP_TYPING -> {
                TypingRelay.TypingRequest r = read(data, TypingRelay.TypingRequest.class);
                boolean now = action == SocketAction.TYPING && (r.typing() == null || r.typing());
                yield typing.indicate(user, r, now).thenReturn(SocketAnswer.NOTHING);
            }
            case EDIT -> {
                SocketRequests.Edit r = read(data, SocketRequests.Edit.class);
                yield done(messages.edit(user, r.messageId(), r.conversationId(), r.content()));
            }
            case DELETE -> {
                SocketRequests.OfMessage r = read(data, SocketRequests.OfMessage.class);
                yield done(messages.delete(user, r.messageId(), r.conversationId()));
            }
            case REACT, UNREACT -> {
                SocketRequests.React r = read(data, SocketRequests.React.class);
                yield done(messages.react(user, r.messageId(), r.conversationId(), r.emoji(),
                        action == SocketAction.REACT));
            }
            case REPORT -> {
                SocketRequests.Report r = read(data, SocketRequests.Report.class);
                yield done(messages.report(user, r.messageId(), r.conversationId(), r.reason(), r.note()));
            }
            case CREATE_GROUP -> {
                SocketRequests.CreateGroup r = read(data, SocketRequests.CreateGroup.class);
                yield done(groups.create(user, r.name(), r.memberIds()));
            }
            case RENAME_GROUP -> {
                SocketRequests.Rename r = read(data, SocketRequests.Rename.class);
                yield done(groups.rename(user, r.conversationId(), r.name()));
            }
            case ADD_MEMBERS -> {
                SocketRequests.Members r = read(data, SocketRequests.Members.class);
                yield done(groups.addMembers(user, r.conversationId(), r.userIds()));
            }
            case REMOVE_MEMBER -> {
                SocketRequests.Remove r = read(data, SocketRequests.Remove.class);
                yield done(groups.removeMember(user, r.conversationId(), r.userId()));
            }
            case PRESENCE -> {
                SocketRequests.Presence r = read(data, SocketRequests.Presence.class);
                yield presence.presenceFor(user, r.userIds() == null ? List.of() : r.userIds())
                        .map(SocketAnswer.Presence::new);
            }
        };
    }

    /**
     * Published now, in the connection's order (the producer takes it synchronously, so a user's messages keep
     * their order); the answer comes later, apart from the connection's next actions.
     */
    private SocketAnswer send(SocketConnection connection, SendMessageRequest request) {
        Mono<SocketAnswer> answer = answer(sending.send(connection.userId(), request, connection::expectAck),
                request.clientMessageId(), stored -> new SocketAnswer.Sent(WireMessage.of(stored.message()), false),
                original -> new SocketAnswer.Sent(WireMessage.of(original.message()), true))
                .onErrorResume(e -> {
                    log.warn("A send of {} failed", connection.userId(), e);
                    return Mono.just(new SocketAnswer.Refused(COULD_NOT_PROCESS, true, null, request.clientMessageId()));
                })
                .cache();
        answer.subscribe();
        return new SocketAnswer.Later(answer);
    }

    private static Mono<SocketAnswer> done(Mono<CommandResult> result) {
        Function<CommandAccepted, SocketAnswer> done = outcome -> new SocketAnswer.Done(outcome.conversationId(),
                outcome.conversationVersion() == null ? 0 : outcome.conversationVersion());
        return answer(result, null, done, done);
    }

    /** The one mapping of a command's result to a socket answer. */
    private static Mono<SocketAnswer> answer(Mono<CommandResult> result, String clientMessageId,
            Function<CommandAccepted, SocketAnswer> accepted, Function<CommandAccepted, SocketAnswer> duplicate) {
        return result.map(r -> r.<SocketAnswer>fold(
                a -> accepted.apply(a.outcome()),
                d -> duplicate.apply(d.outcome()),
                refused -> SocketAnswer.Refused.of(refused.refusal(), clientMessageId),
                pending -> new SocketAnswer.Refused(pending.explanation(), true, null, clientMessageId)));
    }

    private static SocketAnswer.Refused refused(FrameException e) {
        return new SocketAnswer.Refused(e.getMessage(), e.retryAfterSeconds() != null, e.retryAfterSeconds(), null);
    }

    private static <T> T read(JsonNode data, Class<T> type) {
        try {
            return ChatJson.mapper().treeToValue(data, type);
        } catch (JacksonException e) {
            throw new FrameException("bad data: " + JsonProblems.describe(e));
        }
    }

    /**
     * The {@code cursor} field: null when absent; anything but a string is passed on as its JSON text, which is
     * not a cursor, so the client is told to reload rather than silently started from now.
     */
    static String cursor(JsonNode data) {
        JsonNode value = data.path("cursor");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isString() ? value.asString() : value.toString();
    }
}
