package dev.chat.gateway.messaging;

import dev.chat.contracts.MessageReported;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.RestRefusals;
import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.gateway.conversations.ReadYourWrites;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireMessage;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Edit, delete, react to and report a message over REST ({@link MessageActions}); the answer is the message as it
 * now is, once the read models show it (a report: the report's id).
 */
@RestController
@RequestMapping("/api/messages")
class MessageActionsController {

    record EditRequest(String content) {
    }

    /** @param conversationId the message's conversation, if the client knows it (saves a lookup) */
    record ReportRequest(String reason, String note, String conversationId) {
    }

    private final MessageActions actions;
    private final ConversationReads reads;
    private final ReadYourWrites readYourWrites;
    private final CurrentUser currentUser;

    MessageActionsController(MessageActions actions, ConversationReads reads, ReadYourWrites readYourWrites,
            CurrentUser currentUser) {
        this.actions = actions;
        this.reads = reads;
        this.readYourWrites = readYourWrites;
        this.currentUser = currentUser;
    }

    @PatchMapping("/{messageId}")
    Mono<ResponseEntity<?>> edit(@PathVariable String messageId, @RequestBody EditRequest request) {
        return answer(messageId, (me, id) -> actions.edit(me, id, null, request.content()));
    }

    @DeleteMapping("/{messageId}")
    Mono<ResponseEntity<?>> delete(@PathVariable String messageId) {
        return answer(messageId, (me, id) -> actions.delete(me, id, null));
    }

    @PutMapping("/{messageId}/reactions/{emoji}")
    Mono<ResponseEntity<?>> react(@PathVariable String messageId, @PathVariable String emoji) {
        return answer(messageId, (me, id) -> actions.react(me, id, null, emoji, true));
    }

    @DeleteMapping("/{messageId}/reactions/{emoji}")
    Mono<ResponseEntity<?>> unreact(@PathVariable String messageId, @PathVariable String emoji) {
        return answer(messageId, (me, id) -> actions.react(me, id, null, emoji, false));
    }

    /** 201 reported (once per member and message: 200 with {@code duplicate} after that), with the report's id. */
    @PostMapping("/{messageId}/report")
    Mono<ResponseEntity<?>> report(@PathVariable String messageId, @RequestBody ReportRequest request) {
        return currentUser.id().flatMap(me -> actions.report(me, messageId, request.conversationId(), request.reason(),
                request.note()).flatMap(result -> RestRefusals.answer(result, done -> Mono.just(ResponseEntity
                .status(done.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new RestBodies.Reported(MessageReported.idOf(done.conversationId(), messageId, me),
                        done.duplicate()))))));
    }

    private Mono<ResponseEntity<?>> answer(String messageId, BiFunction<String, String, Mono<CommandResult>> action) {
        return currentUser.id().flatMap(me -> action.apply(me, messageId).flatMap(outcome -> RestRefusals.answer(outcome,
                done -> readYourWrites.after(done.conversationId(), done.conversationVersion())
                        .then(reads.find(messageId))
                        .flatMap(reads::entry)
                        .zipWith(reads.deliveries(done.conversationId()))
                        .map(found -> ResponseEntity.ok(new RestBodies.Message(
                                WireMessage.of(found.getT1(), found.getT2(), me)))))));
    }
}
