package dev.chat.gateway.conversations;

import static dev.chat.gateway.web.ApiBodies.success;

import dev.chat.contracts.Ids;
import dev.chat.gateway.security.CurrentUser;
import dev.chat.gateway.web.ApiBodies;
import dev.chat.gateway.web.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Queries answered from projection-service's read models ({@code conversation_views},
 * {@code message_history}, {@code user_profiles}), shaped like the original API.
 */
@RestController
@RequestMapping("/api/messages")
class ConversationsController {

    static final int MAX_PAGE = 200;
    /** Most versions looked up in one query while paging back through history. */
    private static final long MAX_WINDOW = 4096;
    private static final String VIEWS = "conversation_views";
    private static final String HISTORY = "message_history";
    private static final String PROFILES = "user_profiles";

    private final ReactiveMongoTemplate mongo;
    private final CurrentUser currentUser;

    ConversationsController(ReactiveMongoTemplate mongo, CurrentUser currentUser) {
        this.mongo = mongo;
        this.currentUser = currentUser;
    }

    @GetMapping("/conversations")
    Mono<Map<String, Object>> conversations(@RequestParam(required = false) String q) {
        return currentUser.id().flatMap(me -> mongo
                .find(Query.query(Criteria.where("participants").is(me))
                        .with(Sort.by(Sort.Direction.DESC, "lastMessageAt")).limit(500), Document.class, VIEWS)
                .collectList()
                .flatMap(views -> profiles(views).map(profiles -> {
                    List<Map<String, Object>> conversations = new ArrayList<>();
                    for (Document view : views) {
                        if (q == null || q.isBlank() || matches(view, me, profiles, q)) {
                            conversations.add(conversation(view, profiles));
                        }
                    }
                    Map<String, Object> body = success();
                    body.put("conversations", conversations);
                    return body;
                })));
    }

    @GetMapping("/conversation/{userId}")
    Mono<Map<String, Object>> history(@PathVariable String userId, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) Long before) {
        if (!Ids.isValidUserId(userId)) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "userId must be a valid user id"));
        }
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_PAGE));
        }
        return currentUser.id().flatMap(me -> {
            if (me.equals(userId)) {
                return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "there is no conversation with yourself"));
            }
            String conversationId = Ids.directConversationId(me, userId);
            return mongo.find(Query.query(Criteria.where("_id").is(conversationId)), Document.class, VIEWS).collectList()
                    .flatMap(views -> {
                        long next = views.isEmpty() ? 0 : views.get(0).get("version", Number.class).longValue() + 1;
                        long upper = before != null ? Math.min(before, next) : next;
                        return Mono.zip(page(conversationId, upper, limit, new ArrayList<>(), 2L * limit),
                                profiles(views), (page, profiles) -> {
                                    List<Document> oldestFirst = new ArrayList<>(page);
                                    Collections.reverse(oldestFirst);
                                    Map<String, Object> body = success();
                                    body.put("messages", oldestFirst.stream().map(ConversationsController::message).toList());
                                    body.put("conversation", views.isEmpty() ? null : conversation(views.get(0), profiles));
                                    return body;
                                });
                    });
        });
    }

    /**
     * Up to {@code limit} messages with versions below {@code upper}, newest first, fetched by primary key
     * ({@code <conversationId>:<version>}) in windows that double until the page is full: read receipts
     * take versions too, so a window may hold fewer messages than versions. Each page costs what it
     * returns, however long the history.
     */
    private Mono<List<Document>> page(String conversationId, long upper, int limit, List<Document> found, long window) {
        if (upper <= 1 || found.size() >= limit) {
            return Mono.just(found.size() > limit ? found.subList(0, limit) : found);
        }
        long lowest = Math.max(1, upper - window);
        List<String> ids = LongStream.range(lowest, upper).mapToObj(v -> conversationId + ":" + v).toList();
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, HISTORY).collectList()
                .flatMap(docs -> {
                    docs.sort(Comparator.comparingLong((Document d) -> d.get("version", Number.class).longValue()).reversed());
                    found.addAll(docs);
                    return page(conversationId, lowest, limit, found, Math.min(window * 2, MAX_WINDOW));
                });
    }

    @GetMapping("/unread-count")
    Mono<Map<String, Object>> unreadCount() {
        return currentUser.id().flatMap(me -> mongo.aggregate(Aggregation.newAggregation(
                                Aggregation.match(Criteria.where("participants").is(me)),
                                Aggregation.group().sum("unread." + me).as("count")), VIEWS, Document.class)
                .next()
                .map(total -> total.get("count", Number.class).longValue())
                .defaultIfEmpty(0L)
                .map(count -> {
                    Map<String, Object> body = success();
                    body.put("count", count);
                    return body;
                }));
    }

    private Mono<Map<String, Document>> profiles(List<Document> views) {
        Set<String> ids = new HashSet<>();
        views.forEach(view -> ids.addAll(view.getList("participants", String.class)));
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, PROFILES)
                .collectMap(profile -> profile.getString("_id"));
    }

    private static boolean matches(Document view, String me, Map<String, Document> profiles, String q) {
        String needle = q.toLowerCase(Locale.ROOT);
        return view.getList("participants", String.class).stream().filter(p -> !p.equals(me)).anyMatch(p -> {
            Document profile = profiles.get(p);
            return p.toLowerCase(Locale.ROOT).contains(needle) || (profile != null
                    && (contains(profile.getString("username"), needle) || contains(profile.getString("fullName"), needle)));
        });
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    static Map<String, Object> conversation(Document view, Map<String, Document> profiles) {
        Map<String, Object> conversation = new LinkedHashMap<>();
        conversation.put("_id", view.getString("_id"));
        conversation.put("participants", view.getList("participants", String.class).stream()
                .map(id -> participant(id, profiles.get(id))).toList());
        conversation.put("lastMessage", ConversationViews.lastMessage(view));
        conversation.put("lastMessageAt", iso(view.getDate("lastMessageAt")));
        Map<String, Object> unread = new LinkedHashMap<>();
        Document counts = view.get("unread", Document.class);
        if (counts != null) {
            counts.forEach((user, n) -> unread.put(user, ((Number) n).longValue()));
        }
        conversation.put("unreadCount", unread);
        conversation.put("version", view.get("version", Number.class).longValue());
        return conversation;
    }

    static Map<String, Object> participant(String id, Document profile) {
        return profile == null ? ApiBodies.user(id, id, null, null)
                : ApiBodies.user(id, profile.getString("username"), profile.getString("fullName"),
                        profile.getString("avatarUrl"));
    }

    private static Map<String, Object> message(Document doc) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("_id", doc.getString("messageId"));
        message.put("conversation", doc.getString("conversationId"));
        message.put("sender", doc.getString("senderId"));
        message.put("receiver", doc.getString("recipientId"));
        message.put("content", doc.getString("content"));
        message.put("type", doc.getString("type"));
        message.put("attachments", doc.getList("attachments", Document.class, List.of()));
        message.put("clientMessageId", doc.getString("clientMessageId"));
        message.put("createdAt", iso(doc.getDate("sentAt")));
        message.put("isRead", Boolean.TRUE.equals(doc.getBoolean("isRead")));
        message.put("readAt", iso(doc.getDate("readAt")));
        message.put("version", doc.get("version", Number.class).longValue());
        return message;
    }

    private static String iso(Date date) {
        return ConversationViews.iso(date);
    }
}
