package dev.chat.gateway.conversations;

import dev.chat.gateway.receipts.DeliveryReceipts;
import dev.chat.gateway.web.ApiException;
import dev.chat.gateway.wire.WireMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A page of history as a user gets it, for direct conversations and groups alike: at most {@code limit} messages
 * with versions in [{@code lowest}, {@code upper}), oldest first, each with its read and delivery state and the
 * reactions as the viewer sees them. Serving a page to a member delivers its newest message from someone else.
 */
@Component
public class HistoryPages {

    /** The most messages one page holds. */
    public static final int MAX_PAGE = 200;

    private final ConversationReads reads;
    private final DeliveryReceipts receipts;

    HistoryPages(ConversationReads reads, DeliveryReceipts receipts) {
        this.reads = reads;
        this.receipts = receipts;
    }

    /** 400 unless {@code limit} is a page size this serves. */
    public static Mono<Void> checkLimit(int limit) {
        return limit < 1 || limit > MAX_PAGE
                ? Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_PAGE))
                : Mono.empty();
    }

    /** @param member whether the viewer is a member now (a former member reads what they saw; nothing is delivered) */
    public Mono<List<WireMessage>> page(String conversationId, String viewer, long upper, long lowest, int limit,
            boolean member) {
        return Mono.zip(reads.page(conversationId, upper, lowest, limit), reads.deliveries(conversationId))
                .map(found -> {
                    if (member) {
                        receipts.served(found.getT1(), viewer);
                    }
                    List<WireMessage> oldestFirst = new ArrayList<>(found.getT1().stream()
                            .map(entry -> WireMessage.of(entry, found.getT2(), viewer)).toList());
                    Collections.reverse(oldestFirst);
                    return oldestFirst;
                });
    }
}
