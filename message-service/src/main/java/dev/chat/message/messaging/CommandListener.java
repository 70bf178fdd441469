package dev.chat.message.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.UndecodableRecordException;
import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Consume-process-produce in one Kafka transaction: the command's offset, its events and its outcome
 * commit together or not at all. A failure rolls back and the after-rollback processor decides
 * between retrying (Mongo unreachable) and dead-lettering (the record itself is bad).
 */
@Component
class CommandListener {

    private final CommandHandler handler;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec = new CloudEventCodec("/message-service");
    private final Clock clock;

    CommandListener(CommandHandler handler, KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.handler = handler;
        this.kafka = kafka;
        this.clock = clock;
    }

    @KafkaListener(id = "message-service-commands", idIsGroup = false,
            topics = "#{T(dev.chat.contracts.Topics).COMMANDS.name()}",
            concurrency = "${chat.message.consumer-concurrency}")
    void onCommand(ConsumerRecord<String, byte[]> record) {
        ChatCommand command = CloudEventCodec.decode(record, ChatCommand.class).data();
        if (!Objects.equals(record.key(), command.conversationId())) {
            // Keyed elsewhere, it could overtake or be overtaken by its conversation's other commands.
            throw new UndecodableRecordException("record key " + record.key() + " is not the command's conversation id");
        }
        Decision decision = handler.handle(command);
        decision.events().forEach(event -> kafka.send(codec.event(event)));
        kafka.send(codec.outcome(decision.outcome(), clock.instant()));
    }
}
