package dev.chat.message.messaging;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Commands whose processing failed where the processor cannot catch it: Kafka refused a record it led to
 * (reported to {@link DecisionFailureHandler} from inside the send), which fails the stream thread and aborts
 * its transaction. The replacement thread reads the same command again; {@link CommandProcessor} then finds it
 * here and dead-letters it instead of deciding it, so one command never stops its partition. In memory: after a
 * restart, such a command fails once more before it is set aside.
 *
 * <p>A refused changelog record carries no source record to the handler; the command is then the one its task
 * was processing (the producer checks a record's size inside the send the processor's store write makes).
 */
final class PoisonCommands {

    /** The key under which the instance travels through the Kafka Streams configuration to the handler. */
    static final String CONFIG_KEY = "chat.poison-commands";
    private static final int MAX_REMEMBERED = 10_000;

    record Position(String topic, int partition, long offset) {
    }

    private final Map<Position, String> reasons = new ConcurrentHashMap<>();
    private final Map<TaskId, Position> processing = new ConcurrentHashMap<>();

    /** The command {@code task} is processing now. */
    void processing(TaskId task, Position command) {
        processing.put(task, command);
    }

    /** The command at this position led to a record Kafka refused. */
    void failed(Position command, String reason) {
        if (reasons.size() < MAX_REMEMBERED) {
            reasons.put(command, reason);
        }
    }

    /** The command {@code task} was processing when Kafka refused a record, if known. */
    Optional<Position> processedBy(TaskId task) {
        return task == null ? Optional.empty() : Optional.ofNullable(processing.get(task));
    }

    /** Why the command at this position failed before, if it did; forgotten once asked (it is dead-lettered now). */
    Optional<String> takeReason(Position command) {
        return reasons.isEmpty() ? Optional.empty() : Optional.ofNullable(reasons.remove(command));
    }
}
