package dev.chat.gateway.messaging;

import dev.chat.contracts.MessageSent;
import dev.chat.gateway.conversations.ReadYourWrites;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiException;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Send and mark-read over REST: the use cases' outcomes as status codes and the original API's bodies. */
@RestController
@RequestMapping("/api/messages")
class MessagesController {

    private final SendMessageUseCase sending;
    private final MarkReadUseCase reading;
    private final CurrentUser currentUser;
    private final ReadYourWrites readYourWrites;

    MessagesController(SendMessageUseCase sending, MarkReadUseCase reading, CurrentUser currentUser,
            ReadYourWrites readYourWrites) {
        this.sending = sending;
        this.reading = reading;
        this.currentUser = currentUser;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping("/send")
    Mono<ResponseEntity<?>> send(@RequestBody SendMessageRequest request) {
        return currentUser.id().flatMap(me -> sending.send(me, request))
                .flatMap(outcome -> outcome.<Mono<ResponseEntity<?>>>fold(
                        stored -> readable(stored.message().conversationId(), stored.conversationVersion())
                                .thenReturn(created(stored.message(), false)),
                        duplicate -> readable(duplicate.message().conversationId(), duplicate.conversationVersion())
                                .thenReturn(created(duplicate.message(), true)),
                        refused -> Mono.error(refusal(refused.refusal())),
                        pending -> Mono.just(pending(SendOutcome.Pending.EXPLANATION, pending.clientMessageId()))));
    }

    @PutMapping("/read/{conversationId}")
    Mono<ResponseEntity<?>> read(@PathVariable String conversationId) {
        return currentUser.id().flatMap(me -> reading.markRead(me, conversationId, null))
                .flatMap(outcome -> outcome.<Mono<ResponseEntity<?>>>fold(
                        read -> readable(read.conversationId(), read.conversationVersion())
                                .thenReturn(ResponseEntity.ok(new RestBodies.Read(read.readUpToVersion()))),
                        refused -> Mono.error(refusal(refused.refusal())),
                        pending -> Mono.just(pending(ReadOutcome.Pending.EXPLANATION, null))));
    }

    private static ResponseEntity<?> created(MessageSent message, boolean duplicate) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new RestBodies.Sent(WireMessage.of(message), duplicate));
    }

    /** Not decided in time; it may still be. 202: retrying (with the same clientMessageId) is safe. */
    private static ResponseEntity<?> pending(String explanation, String clientMessageId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RestBodies.Pending(explanation, clientMessageId));
    }

    /** The answer waits until the read models show the effect: a read lowers the unread count asked for next. */
    private Mono<Void> readable(String conversationId, Long conversationVersion) {
        return readYourWrites.after(conversationId, conversationVersion);
    }

    private static ApiException refusal(Refusal refusal) {
        return RestRefusals.exception(refusal);
    }
}
