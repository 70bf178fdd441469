package dev.chat.message.messaging;

import dev.chat.contracts.MessageSent;
import dev.chat.contracts.Topics;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * message-service's stream: commands in; per conversation the decider's state and, for the dedupe
 * window, every message by clientMessageId, both in local stores backed by compacted changelog topics;
 * events, outcomes and dead letters out.
 *
 * <pre>
 * chat.commands.v1 ─► decide ─┬─► chat.events.v1
 *                      │      ├─► chat.outcomes.v1
 *        stores: conversations, sent-messages  └─► chat.commands.v1.dlt
 * </pre>
 */
final class DecisionTopology {

    static final String CONVERSATIONS = "conversations";
    static final String SENT_MESSAGES = "sent-messages";
    static final String EVENTS = "events";
    static final String OUTCOMES = "outcomes";
    static final String DEAD_LETTERS = "dead-letters";
    private static final String COMMANDS = "commands";
    private static final String DECIDE = "decide";

    private DecisionTopology() {
    }

    static Topology addTo(Topology topology, ProcessorSupplier<String, byte[], String, byte[]> decide,
            Duration dedupeWindow) {
        Serde<String> strings = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        return topology
                .addSource(COMMANDS, strings.deserializer(), bytes.deserializer(), Topics.COMMANDS.name())
                .addProcessor(DECIDE, decide, COMMANDS)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONVERSATIONS), strings,
                        new JsonSerde<>(ConversationState.class)), DECIDE)
                // A window store forgets by itself: whole segments older than the window are dropped.
                .addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(SENT_MESSAGES, dedupeWindow,
                        Duration.ofMillis(1), false), strings, new JsonSerde<>(MessageSent.class)), DECIDE)
                .addSink(EVENTS, Topics.EVENTS.name(), strings.serializer(), bytes.serializer(), DECIDE)
                .addSink(OUTCOMES, Topics.OUTCOMES.name(), strings.serializer(), bytes.serializer(), DECIDE)
                .addSink(DEAD_LETTERS, Topics.COMMANDS.deadLetterTopic(), strings.serializer(), bytes.serializer(), DECIDE);
    }
}
