package dev.chat.gateway.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.DeleteMessage;
import dev.chat.contracts.EditMessage;
import dev.chat.contracts.ReactToMessage;
import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.gateway.conversations.ReadYourWrites;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireMessage;
import dev.chat.servicekit.readmodels.MessageLocation;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Edit, delete and react to a message named by its id alone: the read models say which conversation it is
 * in, message-service decides, and the answer is the message as it now is (once the read models show it).
 */
@RestController
@RequestMapping("/api/messages")
class MessageActionsController {

    record EditRequest(String content) {
    }

    private final ConversationCommands commands;
    private final ConversationReads reads;
    private final ReadYourWrites readYourWrites;
    private final CurrentUser currentUser;

    MessageActionsController(ConversationCommands commands, ConversationReads reads, ReadYourWrites readYourWrites,
            CurrentUser currentUser) {
        this.commands = commands;
        this.reads = reads;
        this.readYourWrites = readYourWrites;
        this.currentUser = currentUser;
    }

    @PatchMapping("/{messageId}")
    Mono<ResponseEntity<?>> edit(@PathVariable String messageId, @RequestBody EditRequest request) {
        return act(messageId, (me, at) -> new EditMessage(commandId(), at.conversationId(), me, messageId,
                request.content(), Instant.now()));
    }

    @DeleteMapping("/{messageId}")
    Mono<ResponseEntity<?>> delete(@PathVariable String messageId) {
        return act(messageId, (me, at) -> new DeleteMessage(commandId(), at.conversationId(), me, messageId,
                Instant.now()));
    }

    @PutMapping("/{messageId}/reactions/{emoji}")
    Mono<ResponseEntity<?>> react(@PathVariable String messageId, @PathVariable String emoji) {
        return act(messageId, (me, at) -> new ReactToMessage(commandId(), at.conversationId(), me, messageId, emoji,
                true, Instant.now()));
    }

    @DeleteMapping("/{messageId}/reactions/{emoji}")
    Mono<ResponseEntity<?>> unreact(@PathVariable String messageId, @PathVariable String emoji) {
        return act(messageId, (me, at) -> new ReactToMessage(commandId(), at.conversationId(), me, messageId, emoji,
                false, Instant.now()));
    }

    private Mono<ResponseEntity<?>> act(String messageId, BiFunction<String, MessageLocation, ChatCommand> command) {
        return currentUser.id().flatMap(me -> reads.locate(messageId).flatMap(at -> commands.submit(command.apply(me, at))
                .flatMap(outcome -> RestRefusals.answer(outcome,
                        done -> readYourWrites.after(done.conversationId(), done.conversationVersion())
                                .then(reads.entry(at))
                                .map(entry -> ResponseEntity.ok(new RestBodies.Message(WireMessage.of(entry, me))))))));
    }

    private static String commandId() {
        return UUID.randomUUID().toString();
    }
}
