package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Messages of a conversation reached devices: a gateway wrote them to a live session of each {@link Delivery}'s
 * user. Batched by the gateway — at most one record per conversation per interval — and published to
 * {@link Topics#DELIVERIES}, not to the versioned {@link Topics#EVENTS}: a delivery is something a gateway saw, not
 * a decision, and takes no version. Each delivery says "everything up to {@code upToVersion} that others sent";
 * consumers keep the highest per user, so a repeat (a device resuming) changes nothing.
 *
 * @param participants the conversation's members when the last message of the batch was sent, to route the receipt
 */
public record MessagesDelivered(
        String conversationId,
        List<String> participants,
        List<Delivery> deliveries) {

    public MessagesDelivered {
        participants = List.copyOf(participants);
        deliveries = List.copyOf(deliveries);
    }

    /** {@code userId}'s devices got every message up to {@code upToVersion}, the last being {@code messageId}. */
    public record Delivery(String userId, String messageId, long upToVersion, Instant deliveredAt) {
    }

    /** When the batch's last delivery happened. */
    public Instant deliveredAt() {
        return deliveries.stream().map(Delivery::deliveredAt).max(Instant::compareTo).orElseThrow();
    }
}
