package dev.chat.projection.deliveries;

import com.mongodb.client.model.UpdateOptions;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessagesDelivered;
import dev.chat.contracts.UndecodableRecordException;
import dev.chat.servicekit.readmodels.MessageDeliveries;
import dev.chat.servicekit.readmodels.ReadModels;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code message_deliveries}: per conversation, the highest version each member's devices got. A single
 * {@code $max} per record, so repeats (a device resuming, a batch from each of two gateways, a replay) and records
 * in any order leave the same document. A record keyed by another conversation than it names, or naming an
 * invalid user, is dead-lettered, not stored.
 */
@Component
class DeliveryListener {

    static final String ID = "projection-deliveries";

    private final MongoTemplate mongo;

    DeliveryListener(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @KafkaListener(id = ID, topics = "#{T(dev.chat.contracts.Topics).DELIVERIES.name()}")
    void onDelivered(ConsumerRecord<String, byte[]> record) {
        MessagesDelivered delivered = CloudEventCodec.decode(record, MessagesDelivered.class).data();
        if (!delivered.conversationId().equals(record.key())) {
            throw new UndecodableRecordException("record key " + record.key() + " is not the conversation it names");
        }
        Document highest = new Document();
        for (MessagesDelivered.Delivery delivery : delivered.deliveries()) {
            if (!Ids.isValidUserId(delivery.userId()) || delivery.upToVersion() < 1) {
                throw new UndecodableRecordException("delivery to '" + delivery.userId() + "' up to "
                        + delivery.upToVersion() + " is not valid");
            }
            highest.merge(MessageDeliveries.upToField(delivery.userId()), delivery.upToVersion(),
                    (one, other) -> Math.max((Long) one, (Long) other));
        }
        if (highest.isEmpty()) {
            return;
        }
        mongo.execute(ReadModels.DELIVERIES, c -> c.updateOne(new Document("_id", delivered.conversationId()),
                new Document("$max", highest), new UpdateOptions().upsert(true)));
    }
}
