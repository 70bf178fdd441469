package dev.chat.message.messaging;

import dev.chat.contracts.Topics;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka refused a record a command led to (an event, an outcome, a state change: too large, say). Skipping the
 * record would let the stores and the log disagree, so the step fails as a whole — its transaction is aborted —
 * and the command is remembered in {@link PoisonCommands}, to be dead-lettered when it is read again.
 */
public final class DecisionFailureHandler implements ProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DecisionFailureHandler.class);

    private PoisonCommands poison = new PoisonCommands();

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(PoisonCommands.CONFIG_KEY) instanceof PoisonCommands shared) {
            poison = shared;
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        Optional<PoisonCommands.Position> command = context == null ? Optional.empty()
                : Topics.COMMANDS.name().equals(context.topic()) && context.offset() >= 0
                        ? Optional.of(new PoisonCommands.Position(context.topic(), context.partition(), context.offset()))
                        // A changelog record: no source record, but the task that was processing one.
                        : poison.processedBy(context.taskId());
        log.error("Kafka refused a record to {}; {}: {}", record.topic(), command
                .map(at -> "the command at " + at.topic() + "-" + at.partition() + "@" + at.offset()
                        + " will be dead-lettered when read again")
                .orElse("failing the step"), exception.toString());
        command.ifPresent(at -> poison.failed(at, "a record to " + record.topic() + " was refused: " + exception.getMessage()));
        return Response.fail();
    }
}
