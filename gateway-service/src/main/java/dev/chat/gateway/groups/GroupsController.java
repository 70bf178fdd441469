package dev.chat.gateway.groups;

import dev.chat.contracts.ConversationView;
import dev.chat.gateway.commands.CommandResult;
import dev.chat.gateway.commands.RestRefusals;
import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.gateway.conversations.HistoryPages;
import dev.chat.gateway.conversations.ReadYourWrites;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireConversation;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Groups over REST: create, look at, rename, add and remove members, read the history by conversation id
 * (groups and direct conversations alike). Every change is a command message-service decides; the answer
 * waits until the read models show it and carries the conversation as it now is.
 */
@RestController
@RequestMapping("/api/conversations")
class GroupsController {


    record CreateGroupRequest(String name, List<String> memberIds) {
    }

    record RenameRequest(String name) {
    }

    record AddMembersRequest(List<String> userIds) {
    }

    private final GroupActions actions;
    private final ConversationReads reads;
    private final ReadYourWrites readYourWrites;
    private final CurrentUser currentUser;
    private final HistoryPages history;

    GroupsController(GroupActions actions, ConversationReads reads, ReadYourWrites readYourWrites,
            CurrentUser currentUser, HistoryPages history) {
        this.history = history;
        this.actions = actions;
        this.reads = reads;
        this.readYourWrites = readYourWrites;
        this.currentUser = currentUser;
    }

    @PostMapping
    Mono<ResponseEntity<?>> create(@RequestBody CreateGroupRequest request) {
        return change(HttpStatus.CREATED, me -> actions.create(me, request.name(), request.memberIds()));
    }

    @GetMapping("/{conversationId}")
    Mono<RestBodies.Conversation> get(@PathVariable String conversationId) {
        // Members only: a former member would see who joined, and what was said, after they left.
        return currentUser.id().flatMap(me -> reads.memberOf(conversationId, me).flatMap(view -> wire(view, me)))
                .map(RestBodies.Conversation::new);
    }

    @PatchMapping("/{conversationId}")
    Mono<ResponseEntity<?>> rename(@PathVariable String conversationId, @RequestBody RenameRequest request) {
        return change(HttpStatus.OK, me -> actions.rename(me, conversationId, request.name()));
    }

    @PostMapping("/{conversationId}/members")
    Mono<ResponseEntity<?>> addMembers(@PathVariable String conversationId, @RequestBody AddMembersRequest request) {
        return change(HttpStatus.OK, me -> actions.addMembers(me, conversationId, request.userIds()));
    }

    /** Removes a member; removing yourself is leaving. */
    @DeleteMapping("/{conversationId}/members/{userId}")
    Mono<ResponseEntity<?>> removeMember(@PathVariable String conversationId, @PathVariable String userId) {
        return change(HttpStatus.OK, me -> actions.removeMember(me, conversationId, userId));
    }

    /** The history a user may see: a group's from when they joined, and until they left if they did. */
    @GetMapping("/{conversationId}/messages")
    Mono<RestBodies.History> messages(@PathVariable String conversationId,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) Long before) {
        return HistoryPages.checkLimit(limit).then(currentUser.id()).flatMap(me -> reads.visibleTo(conversationId, me)
                .flatMap(view -> {
                    long upper = Math.min(view.version() + 1, view.visibleUntil(me));
                    if (before != null) {
                        upper = Math.min(upper, before);
                    }
                    // A former member gets what they saw, and not the conversation as it is now (members, last message).
                    boolean member = view.participants().contains(me);
                    Mono<Optional<WireConversation>> conversation = member ? wire(view, me).map(Optional::of)
                            : Mono.just(Optional.empty());
                    return Mono.zip(history.page(conversationId, me, upper, view.visibleFrom(me), limit, member),
                            conversation, (page, wired) -> new RestBodies.History(page, wired.orElse(null)));
                }));
    }

    /** Publishes the change, waits until the read models show it, answers with the conversation as it is then. */
    private Mono<ResponseEntity<?>> change(HttpStatus status, Function<String, Mono<CommandResult>> action) {
        return currentUser.id().flatMap(me -> action.apply(me)
                .flatMap(outcome -> RestRefusals.answer(outcome,
                        done -> readYourWrites.after(done.conversationId(), done.conversationVersion())
                                .then(reads.visibleTo(done.conversationId(), me))
                                .flatMap(view -> wire(view, me))
                                .<ResponseEntity<?>>map(conversation -> ResponseEntity.status(status)
                                        .body(new RestBodies.Conversation(conversation))))));
    }

    private Mono<WireConversation> wire(ConversationView view, String viewer) {
        return reads.profiles(List.of(view)).map(profiles -> WireConversation.of(view, profiles, viewer));
    }

}
