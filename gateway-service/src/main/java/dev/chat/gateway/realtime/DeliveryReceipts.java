package dev.chat.gateway.realtime;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.blocking.BlockList;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivery receipts, the sending side: every message of someone else this gateway writes to a live session is
 * delivered; the deliveries are gathered per conversation ({@link DeliveryBatch}) and published to
 * {@code chat.deliveries.v1} every {@code CHAT_DELIVERY_RECEIPT_INTERVAL} — at most one record per conversation
 * per interval, however many messages and devices. {@link EventDelivery#onDelivered} tells the senders. A zero
 * interval turns receipts off.
 *
 * <p>In a direct conversation where one blocks the other nothing is recorded: a tick would tell the blocked user
 * that the blocker is online.
 */
@Component
class DeliveryReceipts implements Session.Receipts {

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
    Duration interval() {
        return interval;
    }

    @Override
    public void delivered(MessageSent message, String receiverId) {
        if (interval.isZero()) {
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

    /** Publishes what was gathered (every interval, and once more when the gateway stops). */
    void flush() {
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
