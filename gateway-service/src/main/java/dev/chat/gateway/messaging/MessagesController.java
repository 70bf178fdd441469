package dev.chat.gateway.messaging;

import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.MessageSent;
import dev.chat.gateway.commands.Refusal;
import dev.chat.gateway.commands.RestRefusals;
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
        SendMessageRequest identified = request.identified();
        return currentUser.id().flatMap(me -> sending.send(me, identified))
                .flatMap(outcome -> outcome.<Mono<ResponseEntity<?>>>fold(
                        stored -> readable(stored.outcome()).thenReturn(created(stored.outcome().message(), false)),
                        duplicate -> readable(duplicate.outcome()).thenReturn(created(duplicate.outcome().message(), true)),
                        refused -> Mono.error(refusal(refused.refusal())),
                        pending -> Mono.just(RestRefusals.pending(pending, identified.clientMessageId()))));
    }

    @PutMapping("/read/{conversationId}")
    Mono<ResponseEntity<?>> read(@PathVariable String conversationId) {
        return currentUser.id().flatMap(me -> reading.markRead(me, conversationId, null))
                .flatMap(outcome -> RestRefusals.answer(outcome, read -> readable(read)
                        .thenReturn(ResponseEntity.ok(new RestBodies.Read(readUpTo(read))))));
    }

    private static ResponseEntity<?> created(MessageSent message, boolean duplicate) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new RestBodies.Sent(WireMessage.of(message), duplicate));
    }

    /** How far a read reaches (0: there was nothing to read). */
    static long readUpTo(CommandAccepted read) {
        return read.readUpToVersion() == null ? 0 : read.readUpToVersion();
    }

    /** The answer waits until the read models show the effect: a read lowers the unread count asked for next. */
    private Mono<Void> readable(CommandAccepted outcome) {
        return readYourWrites.after(outcome.conversationId(), outcome.conversationVersion());
    }

    private static ApiException refusal(Refusal refusal) {
        return RestRefusals.exception(refusal);
    }
}
