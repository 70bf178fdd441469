package dev.chat.message.messaging;

import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UndecodableRecordException;
import dev.chat.servicekit.DeadLetters;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.core.instrument.Metrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The command side as a Kafka Streams processor, a thin adapter around {@link ConversationDecider}: it
 * loads the conversation's state from the local store, looks up an earlier message with the same
 * clientMessageId, asks the decider, moves the state forward and forwards the events and the outcome.
 * Kafka Streams (exactly_once_v2) commits the stores' changelogs, these outputs and the command's offset
 * in one transaction: a crash repeats the whole step or none of it.
 */
final class CommandProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);
    private static final int SWEEP_SLICE = 2000;

    private final Deciders decider;
    private final Duration dedupeWindow;
    private final Clock clock;
    private final KafkaTraces traces;
    private final CloudEventCodec codec = new CloudEventCodec("/message-service");
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, ConversationState> conversations;
    private KeyValueStore<String, MessageSent> sentMessages;
    private KeyValueStore<String, MessageFacts> messages;
    private String sweptUpTo;

    CommandProcessor(Deciders decider, Duration dedupeWindow, Clock clock, KafkaTraces traces) {
        this.decider = decider;
        this.dedupeWindow = dedupeWindow;
        this.clock = clock;
        this.traces = traces;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.conversations = context.getStateStore(DecisionTopology.CONVERSATIONS);
        this.sentMessages = context.getStateStore(DecisionTopology.SENT_MESSAGES);
        this.messages = context.getStateStore(DecisionTopology.MESSAGES);
        context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    /** In a span continuing the sender's trace; the events and the outcome carry it on. */
    @Override
    public void process(Record<String, byte[]> record) {
        traces.inSpan("chat.decide", record.headers(), () -> {
            decide(record);
            return null;
        });
    }

    private void decide(Record<String, byte[]> record) {
        ChatCommand command;
        try {
            command = CloudEventCodec.decode(Topics.COMMANDS.name(), record.headers(), record.value(), ChatCommand.class)
                    .data();
            if (!Objects.equals(record.key(), command.conversationId())) {
                // Keyed elsewhere, it could overtake or be overtaken by its conversation's other commands.
                throw new UndecodableRecordException("record key " + record.key() + " is not the command's conversation id");
            }
            if (command.commandId() == null || command.commandId().isBlank()) {
                // No answer to it could ever be matched: a broken record, not a user's mistake.
                throw new UndecodableRecordException("the command has no commandId");
            }
        } catch (UndecodableRecordException e) {
            deadLetter(record, e);
            return;
        }
        ConversationState state = Optional.ofNullable(conversations.get(command.conversationId()))
                .orElseGet(() -> ConversationState.empty(command.conversationId()));
        Decision decision;
        try {
            decision = decider.decide(state, command, lookups(record.timestamp()));
        } catch (RuntimeException e) {
            // The rules could not handle this command (a bug): park it where operators look, keep the partition flowing.
            deadLetter(record, e);
            return;
        }
        if (!decision.events().isEmpty()) {
            conversations.put(command.conversationId(), state.applyAll(decision.events()));
            for (ChatEvent event : decision.events()) {
                if (event instanceof MessageSent sent && sent.clientMessageId() != null) {
                    sentMessages.put(dedupeKey(sent.conversationId(), sent.senderId(), sent.clientMessageId()), sent);
                }
                remember(event);
            }
        }
        for (ChatEvent event : decision.events()) {
            forward(record, codec.event(event), event.occurredAt(), DecisionTopology.EVENTS);
        }
        Instant now = clock.instant();
        forward(record, codec.outcome(decision.outcome(), now), now, DecisionTopology.OUTCOMES);
        decided(command, decision);
    }

    /** The stores, as the deciders look things up. */
    private Lookups lookups(long timestamp) {
        return new Lookups() {
            @Override
            public Optional<MessageSent> earlierSend(SendMessage send) {
                return earlier(send, timestamp);
            }

            @Override
            public Optional<MessageFacts> message(String conversationId, String messageId) {
                return Optional.ofNullable(messages.get(messageKey(conversationId, messageId)));
            }
        };
    }

    /** What an event tells about its message, for the next action on it. */
    private void remember(ChatEvent event) {
        MessageFacts.messageIdOf(event).ifPresent(messageId -> {
            String key = messageKey(event.conversationId(), messageId);
            MessageFacts before = messages.get(key);
            if (event instanceof MessageSent sent) {
                messages.put(key, MessageFacts.of(sent));
            } else if (before != null) {
                messages.put(key, before.apply(event));
            }
        });
    }

    static String messageKey(String conversationId, String messageId) {
        return conversationId + '\n' + messageId;
    }

    /** {@code chat.commands.decided} by command type, outcome and rejection code. */
    private static void decided(ChatCommand command, Decision decision) {
        String outcome;
        String code = "none";
        if (decision.outcome() instanceof CommandRejected rejected) {
            outcome = "rejected";
            code = rejected.code().name().toLowerCase(Locale.ROOT);
        } else {
            outcome = ((CommandAccepted) decision.outcome()).duplicate() ? "duplicate" : "accepted";
        }
        Metrics.counter("chat.commands.decided", "type", Deciders.kind(command),
                "outcome", outcome, "code", code).increment();
    }

    /** The message this sender already sent here with this clientMessageId, if within the dedupe window. */
    private Optional<MessageSent> earlier(SendMessage send, long timestamp) {
        if (send.clientMessageId() == null || send.senderId() == null) {
            return Optional.empty();
        }
        MessageSent sent = sentMessages.get(dedupeKey(send.conversationId(), send.senderId(), send.clientMessageId()));
        // The sweep removes old entries some time after they expire: the bound is checked here, exactly.
        return sent == null || sent.sentAt().isBefore(Instant.ofEpochMilli(timestamp).minus(dedupeWindow))
                ? Optional.empty() : Optional.of(sent);
    }

    /**
     * Forgets messages older than the dedupe window, a slice at a time (a full pass takes store size /
     * slice seconds), so the store holds about traffic × window entries and no pass stalls the stream.
     */
    private void sweep(long now) {
        Instant oldest = Instant.ofEpochMilli(now).minus(dedupeWindow);
        List<String> expired = new ArrayList<>();
        int seen = 0;
        String last = null;
        try (KeyValueIterator<String, MessageSent> entries = sweptUpTo == null ? sentMessages.all()
                : sentMessages.range(sweptUpTo, null)) {
            while (entries.hasNext() && seen < SWEEP_SLICE) {
                KeyValue<String, MessageSent> entry = entries.next();
                last = entry.key;
                seen++;
                if (entry.value.sentAt().isBefore(oldest)) {
                    expired.add(entry.key);
                }
            }
            // Resume after the last key next time; start over once the end is reached.
            sweptUpTo = entries.hasNext() ? last + '\0' : null;
        }
        expired.forEach(sentMessages::delete);
    }

    /** User ids cannot contain a line break, so the parts cannot run into each other. */
    static String dedupeKey(String conversationId, String senderId, String clientMessageId) {
        return conversationId + '\n' + senderId + '\n' + clientMessageId;
    }

    /** Forwards what {@code command} led to, carrying the command's trace on. */
    private void forward(Record<String, byte[]> command, ProducerRecord<String, byte[]> record, Instant time,
            String sink) {
        traces.carryOn(command.headers(), record.headers());
        context.forward(new Record<>(record.key(), record.value(), time.toEpochMilli(), record.headers()), sink);
    }

    /** The record, unchanged, to the dead-letter topic, with the same reason headers Spring Kafka writes elsewhere. */
    private void deadLetter(Record<String, byte[]> record, Exception reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(reason.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(reason.getMessage())));
        Optional<RecordMetadata> origin = context.recordMetadata();
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(origin.map(RecordMetadata::topic).orElse(Topics.COMMANDS.name())));
        origin.ifPresent(meta -> {
            headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(meta.partition()).array());
            headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(meta.offset()).array());
        });
        context.forward(record.withHeaders(headers), DecisionTopology.DEAD_LETTERS);
        DeadLetters.counted(Topics.COMMANDS.name());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
