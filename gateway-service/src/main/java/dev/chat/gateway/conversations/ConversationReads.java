package dev.chat.gateway.conversations;

import dev.chat.contracts.ConversationView;
import dev.chat.gateway.web.ApiException;
import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.HistoryEntry;
import dev.chat.servicekit.readmodels.MessageDeliveries;
import dev.chat.servicekit.readmodels.MessageLocation;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.servicekit.readmodels.StringIds;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The read models as the gateway's queries need them, each by primary key: a conversation's view (and
 * whether a user may see it), pages of its history within what a user may see, where a message is, and
 * profiles. Strangers to a conversation get the same 403 whether it exists or not.
 */
@Component
public class ConversationReads {

    public static final String NOT_A_PARTICIPANT = "you are not a participant of this conversation";
    /** Most versions looked up in one query while paging back through history. */
    private static final long MAX_WINDOW = 4096;

    private final ReactiveMongoTemplate mongo;

    ConversationReads(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<ConversationView> view(String conversationId) {
        return mongo.findById(conversationId, Document.class, ReadModels.CONVERSATIONS).map(ConversationViewDocuments::view);
    }

    /** The view, if {@code userId} is a participant now; a 403 otherwise (also if there is none). */
    public Mono<ConversationView> memberOf(String conversationId, String userId) {
        return view(conversationId)
                .filter(view -> view.participants().contains(userId))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.FORBIDDEN, NOT_A_PARTICIPANT)));
    }

    /**
     * The view, if {@code userId} is or was a participant (a former member still reads what they saw); a 403
     * otherwise (also if there is none).
     */
    public Mono<ConversationView> visibleTo(String conversationId, String userId) {
        return view(conversationId)
                .filter(view -> view.visibleUntil(userId) > view.visibleFrom(userId))
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.FORBIDDEN, NOT_A_PARTICIPANT)));
    }

    /**
     * Up to {@code limit} messages with versions in [{@code lowest}, {@code upper}), newest first, fetched by
     * primary key ({@code <conversationId>:<version>}) in windows that double until the page is full: other
     * events take versions too, so a window may hold fewer messages than versions. Each page costs what it
     * returns, however long the history.
     */
    public Mono<List<HistoryEntry>> page(String conversationId, long upper, long lowest, int limit) {
        return page(conversationId, upper, Math.max(1, lowest), limit, new java.util.ArrayList<>(), 2L * limit);
    }

    private Mono<List<HistoryEntry>> page(String conversationId, long upper, long floor, int limit,
            List<HistoryEntry> found, long window) {
        if (upper <= floor || found.size() >= limit) {
            return Mono.just(found.size() > limit ? found.subList(0, limit) : found);
        }
        long lowest = Math.max(floor, upper - window);
        List<String> ids = LongStream.range(lowest, upper).mapToObj(v -> HistoryEntry.id(conversationId, v)).toList();
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, ReadModels.HISTORY)
                .map(HistoryEntry::from)
                .collectList()
                .flatMap(entries -> {
                    entries.sort(Comparator.comparingLong(HistoryEntry::version).reversed());
                    found.addAll(entries);
                    return page(conversationId, lowest, floor, limit, found, Math.min(window * 2, MAX_WINDOW));
                });
    }

    /** How far each member's devices got in a conversation (none yet: an empty map). */
    public Mono<MessageDeliveries> deliveries(String conversationId) {
        return mongo.findById(conversationId, Document.class, ReadModels.DELIVERIES).map(MessageDeliveries::from)
                .defaultIfEmpty(MessageDeliveries.none(conversationId));
    }

    /** The user's conversations, the latest message first (at most {@code limit}). */
    public Mono<List<ConversationView>> conversationsOf(String userId, int limit) {
        return mongo.find(Query.query(Criteria.where(ConversationViewDocuments.PARTICIPANTS).is(userId))
                        .with(Sort.by(Sort.Direction.DESC, ConversationViewDocuments.LAST_MESSAGE_AT)).limit(limit),
                        Document.class, ReadModels.CONVERSATIONS)
                .map(ConversationViewDocuments::view)
                .collectList();
    }

    /** The user's unread messages over all their conversations. */
    public Mono<Long> unreadTotal(String userId) {
        return mongo.aggregate(Aggregation.newAggregation(
                                Aggregation.match(Criteria.where(ConversationViewDocuments.PARTICIPANTS).is(userId)),
                                Aggregation.group().sum(ConversationViewDocuments.unreadOf(userId)).as("count")),
                        ReadModels.CONVERSATIONS, Document.class)
                .next()
                .map(total -> total.get("count", Number.class).longValue())
                .defaultIfEmpty(0L);
    }

    /** Up to 20 people whose username or full name contains {@code q} (literally, any case); all if it is blank. */
    public Mono<List<UserProfileView>> people(String q) {
        Query query = new Query().with(Sort.by(UserProfileView.USERNAME)).limit(20);
        if (q != null && !q.isBlank()) {
            Pattern pattern = Pattern.compile(Pattern.quote(q.trim()), Pattern.CASE_INSENSITIVE);
            query.addCriteria(new Criteria().orOperator(Criteria.where(UserProfileView.USERNAME).regex(pattern),
                    Criteria.where(UserProfileView.FULL_NAME).regex(pattern)));
        }
        return mongo.find(query, Document.class, ReadModels.PROFILES).map(UserProfileView::from).collectList();
    }

    /** Where a message is; empty if no message has this id. */
    public Mono<MessageLocation> find(String messageId) {
        return StringIds.findOne(mongo.getCollection(ReadModels.MESSAGE_LOCATIONS), messageId).map(MessageLocation::from);
    }

    public Mono<HistoryEntry> entry(MessageLocation location) {
        return mongo.findById(location.historyId(), Document.class, ReadModels.HISTORY).map(HistoryEntry::from);
    }

    public Mono<Map<String, UserProfileView>> profiles(Collection<ConversationView> views) {
        Set<String> ids = new HashSet<>();
        views.forEach(view -> ids.addAll(view.participants()));
        return profilesOf(ids);
    }

    /** The profiles of those of {@code userIds} who published one. */
    public Mono<Map<String, UserProfileView>> profilesOf(Collection<String> userIds) {
        return StringIds.findAll(mongo.getCollection(ReadModels.PROFILES), userIds)
                .map(UserProfileView::from)
                .collectMap(UserProfileView::userId);
    }
}
