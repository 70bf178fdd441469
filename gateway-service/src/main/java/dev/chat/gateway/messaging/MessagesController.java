package dev.chat.gateway.messaging;

import static dev.chat.gateway.web.ApiBodies.success;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.SendMessage;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.conversations.ProjectedViews;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Send and mark-read: commands to message-service, answered once it has decided. */
@RestController
@RequestMapping("/api/messages")
class MessagesController {

    /** The body of {@code POST /api/messages/send}; the sender is the token's user, never a field. */
    record SendRequest(String receiverId, String content, String type, List<Attachment> attachments,
            String clientMessageId) {
    }

    private final CommandBus commands;
    private final CurrentUser currentUser;
    private final SendRateLimiter rateLimiter;
    private final ProjectedViews projectedViews;
    private final Duration readYourWrites;

    MessagesController(CommandBus commands, CurrentUser currentUser, SendRateLimiter rateLimiter,
            ProjectedViews projectedViews, GatewayProperties properties) {
        this.commands = commands;
        this.currentUser = currentUser;
        this.rateLimiter = rateLimiter;
        this.projectedViews = projectedViews;
        this.readYourWrites = properties.readYourWritesTimeout();
    }

    @PostMapping("/send")
    Mono<ResponseEntity<Map<String, Object>>> send(@RequestBody SendRequest request) {
        return currentUser.id().flatMap(me -> {
            rateLimiter.acquire(me);
            if (!Ids.isValidUserId(request.receiverId())) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "receiverId must be a valid user id");
            }
            if (request.receiverId().equals(me)) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "cannot send a message to yourself");
            }
            String commandId = UUID.randomUUID().toString();
            String clientMessageId = request.clientMessageId() == null || request.clientMessageId().isBlank()
                    ? commandId : request.clientMessageId();
            SendMessage command = new SendMessage(commandId, Ids.directConversationId(me, request.receiverId()), me,
                    request.receiverId(), clientMessageId, request.content(), request.type(), request.attachments(),
                    Instant.now());
            return commands.submit(command).flatMap(this::readable).map(outcome -> answer(outcome, clientMessageId, accepted -> {
                Map<String, Object> body = success();
                body.put("message", ApiMessage.of(accepted.message(), false, null));
                body.put("duplicate", accepted.duplicate());
                return ResponseEntity.status(HttpStatus.CREATED).body(body);
            }));
        });
    }

    @PutMapping("/read/{conversationId}")
    Mono<ResponseEntity<Map<String, Object>>> read(@PathVariable String conversationId) {
        return currentUser.id().flatMap(me -> commands
                .submit(new MarkConversationRead(UUID.randomUUID().toString(), conversationId, me, null, Instant.now()))
                .flatMap(this::readable)
                .map(outcome -> answer(outcome, null, accepted -> {
                    Map<String, Object> body = success();
                    body.put("message", "Messages marked as read");
                    body.put("readUpToVersion", accepted.readUpToVersion());
                    return ResponseEntity.ok(body);
                })));
    }

    /**
     * Holds an accepted command's answer until the read models show its effect (bounded), so the caller's
     * next query sees what they just did: a read lowers the unread count they ask for next.
     */
    private Mono<Optional<CommandOutcome>> readable(Optional<CommandOutcome> outcome) {
        if (outcome.isPresent() && outcome.get() instanceof CommandAccepted accepted
                && accepted.conversationVersion() != null) {
            return projectedViews.awaitVersion(accepted.conversationId(), accepted.conversationVersion(), readYourWrites)
                    .thenReturn(outcome);
        }
        return Mono.just(outcome);
    }

    private static ResponseEntity<Map<String, Object>> answer(Optional<CommandOutcome> outcome, String clientMessageId,
            java.util.function.Function<CommandAccepted, ResponseEntity<Map<String, Object>>> onAccepted) {
        if (outcome.isEmpty()) {
            // Not decided in time; it may still be. Retrying with the same clientMessageId is safe.
            Map<String, Object> body = success();
            body.put("pending", true);
            body.put("message", "accepted, not yet confirmed; retry with the same clientMessageId to learn the result");
            if (clientMessageId != null) {
                body.put("clientMessageId", clientMessageId);
            }
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
        }
        if (outcome.get() instanceof CommandRejected rejected) {
            HttpStatus status = switch (rejected.code()) {
                case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
                case NOT_A_PARTICIPANT -> HttpStatus.FORBIDDEN;
                case UNKNOWN_CONVERSATION -> HttpStatus.NOT_FOUND;
                default -> HttpStatus.BAD_REQUEST;
            };
            throw new ApiException(status, rejected.reason());
        }
        return onAccepted.apply((CommandAccepted) outcome.get());
    }
}
