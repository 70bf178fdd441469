package dev.chat.projection.conversations;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds chat.events.v1 (committed records only) into the conversation projector. */
@Component
class EventListener {

    static final String ID = "projection-events";

    private final ConversationProjector projector;

    EventListener(ConversationProjector projector) {
        this.projector = projector;
    }

    @KafkaListener(id = ID, topics = "#{T(dev.chat.contracts.Topics).EVENTS.name()}",
            concurrency = "${chat.projection.consumer-concurrency:3}")
    void onEvent(ConsumerRecord<String, byte[]> record) {
        projector.apply(CloudEventCodec.decode(record, ChatEvent.class).data());
    }
}
