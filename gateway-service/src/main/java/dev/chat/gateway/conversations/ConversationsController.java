package dev.chat.gateway.conversations;

import dev.chat.contracts.ConversationView;
import dev.chat.contracts.Ids;
import dev.chat.gateway.receipts.DeliveryReceipts;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiException;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireConversation;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Queries answered from projection-service's read models (conversation views, message history, user
 * profiles, read through their typed mappings), shaped like the original API.
 */
@RestController
@RequestMapping("/api/messages")
class ConversationsController {

    /** The most conversations a list holds. */
    static final int MAX_CONVERSATIONS = 500;

    private final CurrentUser currentUser;
    private final ConversationReads reads;
    private final HistoryPages history;
    private final DeliveryReceipts receipts;

    ConversationsController(CurrentUser currentUser, ConversationReads reads, HistoryPages history,
            DeliveryReceipts receipts) {
        this.currentUser = currentUser;
        this.reads = reads;
        this.history = history;
        this.receipts = receipts;
    }

    @GetMapping("/conversations")
    Mono<RestBodies.Conversations> conversations(@RequestParam(required = false) String q) {
        return currentUser.id().flatMap(me -> reads.conversationsOf(me, MAX_CONVERSATIONS)
                .flatMap(views -> profiles(views).map(profiles -> {
                    List<ConversationView> shown = views.stream()
                            .filter(view -> q == null || q.isBlank() || matches(view, me, profiles, q)).toList();
                    receipts.listed(shown, me);
                    return new RestBodies.Conversations(shown.stream()
                            .map(view -> WireConversation.of(view, profiles, me)).toList());
                })));
    }

    @GetMapping("/conversation/{userId}")
    Mono<RestBodies.History> history(@PathVariable String userId, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) Long before) {
        if (!Ids.isValidUserId(userId)) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "userId must be a valid user id"));
        }
        return HistoryPages.checkLimit(limit).then(currentUser.id()).flatMap(me -> {
            if (me.equals(userId)) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "there is no conversation with yourself"));
            }
            String conversationId = Ids.directConversationId(me, userId);
            return reads.view(conversationId).map(List::of).defaultIfEmpty(List.of())
                    .flatMap(views -> {
                        long next = views.isEmpty() ? 0 : views.get(0).version() + 1;
                        long upper = before != null ? Math.min(before, next) : next;
                        return Mono.zip(history.page(conversationId, me, upper, 1, limit, !views.isEmpty()),
                                profiles(views), (page, profiles) -> new RestBodies.History(page,
                                        views.isEmpty() ? null : WireConversation.of(views.get(0), profiles, me)));
                    });
        });
    }

    @GetMapping("/unread-count")
    Mono<RestBodies.UnreadCount> unreadCount() {
        return currentUser.id().flatMap(reads::unreadTotal).map(RestBodies.UnreadCount::new);
    }

    private Mono<Map<String, UserProfileView>> profiles(List<ConversationView> views) {
        return reads.profiles(views);
    }

    private static boolean matches(ConversationView view, String me, Map<String, UserProfileView> profiles, String q) {
        String needle = q.toLowerCase(Locale.ROOT);
        return view.participants().stream().filter(p -> !p.equals(me)).anyMatch(p -> {
            UserProfileView profile = profiles.get(p);
            return p.toLowerCase(Locale.ROOT).contains(needle) || (profile != null
                    && (contains(profile.username(), needle) || contains(profile.fullName(), needle)));
        });
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }
}
