package dev.chat.message.messaging;

import dev.chat.contracts.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * message-service's stream: commands in; per conversation the decider's state, for the dedupe window
 * every message by clientMessageId, and per message what later actions on it are judged by, all in local
 * key-value stores backed by compacted changelog topics (JSON values, encoded by the processor: see
 * {@link JsonStore}); events, outcomes, reports, blocks and dead letters out.
 *
 * <pre>
 * chat.commands.v1 ─► decide ─┬─► chat.events.v1
 *                      │      ├─► chat.outcomes.v1
 *                      │      ├─► chat.reports.v1
 *                      │      ├─► chat.blocks.v1
 *   stores: conversations, client-message-ids, └─► chat.commands.v1.dlt
 *           messages
 * </pre>
 */
final class DecisionTopology {

    static final String CONVERSATIONS = "conversations";
    /** A key-value store (point lookups, bloom-filtered), not a window store (a range seek per segment). */
    static final String SENT_MESSAGES = "client-message-ids";
    /**
     * Per message ({@code conversationId \n messageId}): what edits, deletions, reactions, replies and reports are
     * judged by.
     */
    static final String MESSAGES = "messages";
    static final String EVENTS = "events";
    static final String OUTCOMES = "outcomes";
    static final String REPORTS = "reports";
    static final String BLOCKS = "blocks";
    static final String DEAD_LETTERS = "dead-letters";
    private static final String COMMANDS = "commands";
    private static final String DECIDE = "decide";

    private DecisionTopology() {
    }

    static Topology addTo(Topology topology, ProcessorSupplier<String, byte[], String, byte[]> decide) {
        Serde<String> strings = Serdes.String();
        Serde<byte[]> bytes = Serdes.ByteArray();
        return topology
                .addSource(COMMANDS, strings.deserializer(), bytes.deserializer(), Topics.COMMANDS.name())
                .addProcessor(DECIDE, decide, COMMANDS)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONVERSATIONS), strings, bytes),
                        DECIDE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SENT_MESSAGES), strings, bytes),
                        DECIDE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MESSAGES), strings, bytes),
                        DECIDE)
                .addSink(EVENTS, Topics.EVENTS.name(), strings.serializer(), bytes.serializer(), DECIDE)
                .addSink(OUTCOMES, Topics.OUTCOMES.name(), strings.serializer(), bytes.serializer(), DECIDE)
                .addSink(REPORTS, Topics.REPORTS.name(), strings.serializer(), bytes.serializer(), DECIDE)
                .addSink(BLOCKS, Topics.BLOCKS.name(), strings.serializer(), bytes.serializer(), DECIDE)
                .addSink(DEAD_LETTERS, Topics.COMMANDS.deadLetterTopic(), strings.serializer(), bytes.serializer(), DECIDE);
    }
}
