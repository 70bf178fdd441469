package dev.chat.gateway.receipts;

import dev.chat.contracts.MessagesDelivered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deliveries a gateway saw since it last published them, per conversation: for each receiver only the highest
 * message, so however many messages and devices, a conversation makes one record per interval. Safe for the
 * sessions that add (each under its own lock) and the timer that drains at the same time: a conversation's entry is
 * changed only inside {@link ConcurrentHashMap#compute}, and taken out whole with {@link ConcurrentHashMap#remove}.
 */
final class DeliveryBatch {

    private static final class Pending {
        List<String> participants;
        long participantsAt;
        final Map<String, MessagesDelivered.Delivery> byReceiver = new LinkedHashMap<>(4);
    }

    private final Map<String, Pending> byConversation = new ConcurrentHashMap<>();

    /** {@code receiverId}'s device got {@code message}. */
    void add(DeliveredMessage message, String receiverId, Instant at) {
        byConversation.compute(message.conversationId(), (id, pending) -> {
            Pending batch = pending == null ? new Pending() : pending;
            if (batch.participants == null || message.version() > batch.participantsAt) {
                batch.participants = message.participants();
                batch.participantsAt = message.version();
            }
            batch.byReceiver.merge(receiverId, new MessagesDelivered.Delivery(receiverId, message.messageId(),
                    message.version(), at), (had, now) -> now.upToVersion() > had.upToVersion() ? now : had);
            return batch;
        });
    }

    /** Puts back a record that could not be published, under anything gathered for it since. */
    void restore(MessagesDelivered delivered) {
        byConversation.compute(delivered.conversationId(), (id, pending) -> {
            Pending batch = pending == null ? new Pending() : pending;
            if (batch.participants == null) {
                batch.participants = delivered.participants();
            }
            for (MessagesDelivered.Delivery delivery : delivered.deliveries()) {
                batch.byReceiver.merge(delivery.userId(), delivery,
                        (now, had) -> now.upToVersion() >= had.upToVersion() ? now : had);
            }
            return batch;
        });
    }

    /** How many conversations wait to be published. */
    int size() {
        return byConversation.size();
    }

    /** Takes everything added so far, one record per conversation. */
    List<MessagesDelivered> drain() {
        List<MessagesDelivered> out = new ArrayList<>(byConversation.size());
        for (String conversationId : List.copyOf(byConversation.keySet())) {
            Pending batch = byConversation.remove(conversationId);
            if (batch != null) {
                out.add(new MessagesDelivered(conversationId, batch.participants,
                        List.copyOf(batch.byReceiver.values())));
            }
        }
        return out;
    }
}
