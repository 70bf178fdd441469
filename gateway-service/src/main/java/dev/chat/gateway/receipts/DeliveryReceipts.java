package dev.chat.gateway.receipts;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.blocklist.BlockList;
import dev.chat.servicekit.readmodels.HistoryEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivery receipts, the sending side: every message of someone else this gateway writes to a live session, or
 * serves in a history page or a conversation list, is delivered; the deliveries are gathered per conversation ({@link DeliveryBatch}) and published to
 * {@code chat.deliveries.v1} every {@code CHAT_DELIVERY_RECEIPT_INTERVAL} — at most one record per conversation
 * per interval, however many messages and devices. The gateways' event delivery tells the senders. A zero
 * interval turns receipts off.
 *
 * <p>In a direct conversation where one blocks the other nothing is recorded: a tick would tell the blocked user
 * that the blocker is online.
 */
@Component
public class DeliveryReceipts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);
    /** Most conversations held between two publications; past it the batch goes out at once. */
    static final int MAX_PENDING = 50_000;

    private final DeliveryBatch batch = new DeliveryBatch();
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final BlockList blocks;
    private final Duration interval;
    private final Counter published;
    private final Counter failed;
    private final AtomicBoolean flushQueued = new AtomicBoolean();

    DeliveryReceipts(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec, BlockList blocks,
            GatewayProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.codec = codec;
        this.blocks = blocks;
        this.interval = properties.realtime().deliveryReceiptInterval();
        this.published = Counter.builder("chat.delivery.receipts").tag("outcome", "published")
                .description("delivery receipt records published (one per conversation and interval)").register(meters);
        this.failed = Counter.builder("chat.delivery.receipts").tag("outcome", "failed")
                .description("delivery receipt records Kafka refused (kept for the next interval)").register(meters);
    }

    /** How often the gathered deliveries are published; zero when receipts are off. */
    public Duration interval() {
        return interval;
    }

    /** {@code message} reached a device of {@code receiverId}; nothing if that is its sender. */
    public void delivered(DeliveredMessage message, String receiverId) {
        if (interval.isZero() || message.senderId().equals(receiverId)) {
            return;
        }
        if (!Ids.isGroupId(message.conversationId()) && blocks.eitherBlocks(message.senderId(), receiverId)) {
            return;
        }
        batch.add(message, receiverId, Instant.now());
        if (batch.size() >= MAX_PENDING && flushQueued.compareAndSet(false, true)) {
            ForkJoinPool.commonPool().execute(this::flush);
        }
    }

    /** A history page served to {@code viewer}: its newest message from someone else reached their device. */
    public void served(List<HistoryEntry> page, String viewer) {
        page.stream().filter(entry -> !entry.senderId().equals(viewer))
                .max(Comparator.comparingLong(HistoryEntry::version))
                // Read is delivered already: paging through an old history publishes nothing.
                .filter(newest -> !newest.read())
                .ifPresent(newest -> delivered(DeliveredMessage.of(newest), viewer));
    }

    /**
     * A conversation list served to {@code viewer}: the last message of each reached their device — unless they
     * read it before, so opening the app again publishes nothing for conversations already read.
     */
    public void listed(Collection<ConversationView> views, String viewer) {
        views.forEach(view -> DeliveredMessage.lastOf(view, viewer)
                .filter(last -> view.readUpToOf(viewer) < last.version())
                .ifPresent(last -> delivered(last, viewer)));
    }

    /** Publishes what was gathered (every interval, and once more when the gateway stops). */
    public void flush() {
        flushQueued.set(false);
        for (MessagesDelivered delivered : batch.drain()) {
            kafka.send(codec.delivered(delivered)).whenComplete((result, error) -> {
                if (error == null) {
                    published.increment();
                    return;
                }
                // The producer gave up (its own retries over): kept for the next interval, not dropped.
                failed.increment();
                log.warn("Delivery receipts of {} not published, kept for the next interval: {}",
                        delivered.conversationId(), error.toString());
                batch.restore(delivered);
            });
        }
    }
}
