package dev.chat.message.messaging;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.MessageReported;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.Topics;
import dev.chat.contracts.UndecodableRecordException;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The command side as a Kafka Streams processor, a thin adapter around {@link Deciders}: it loads the
 * conversation's state from the local store, looks up an earlier message with the same clientMessageId, asks
 * the decider, moves the state forward and forwards the events, the reports, the blocks and the outcome. Kafka Streams
 * (exactly_once_v2) commits the stores' changelogs, these outputs and the command's offset in one transaction:
 * a crash repeats the whole step or none of it.
 *
 * <p>A command that cannot be processed never stops its partition: if deciding it fails, or it would write a
 * record larger than {@code maxRecordBytes}, or Kafka refused what it led to before ({@link PoisonCommands}),
 * it is {@link SetAside set aside} — dead-lettered with the reason, refused to its issuer — and nothing of it is
 * written: every write of a step is staged ({@link StagedWrites}), encoded and measured, and made only once all
 * of them fit.
 */
final class CommandProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);
    private static final int SWEEP_SLICE = 2000;

    private final Deciders decider;
    private final Duration dedupeWindow;
    private final Clock clock;
    private final KafkaTraces traces;
    private final int maxRecordBytes;
    private final PoisonCommands poison;
    private final CloudEventCodec codec = new CloudEventCodec("/message-service");
    private ProcessorContext<String, byte[]> context;
    private JsonStore<ConversationState> conversations;
    private JsonStore<MessageSent> sentMessages;
    private JsonStore<MessageFacts> messages;
    private SetAside setAside;
    private String sweptUpTo;

    CommandProcessor(Deciders decider, Duration dedupeWindow, Clock clock, KafkaTraces traces, int maxRecordBytes,
            PoisonCommands poison) {
        this.decider = decider;
        this.dedupeWindow = dedupeWindow;
        this.clock = clock;
        this.traces = traces;
        this.maxRecordBytes = maxRecordBytes;
        this.poison = poison;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.conversations = store(context, DecisionTopology.CONVERSATIONS, ConversationState.class);
        this.sentMessages = store(context, DecisionTopology.SENT_MESSAGES, MessageSent.class);
        this.messages = store(context, DecisionTopology.MESSAGES, MessageFacts.class);
        this.setAside = new SetAside(context, codec, traces, clock);
        context.schedule(SWEEP_EVERY, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    private static <V> JsonStore<V> store(ProcessorContext<String, byte[]> context, String name, Class<V> type) {
        return new JsonStore<>(name, context.getStateStore(name), type);
    }

    /** In a span continuing the sender's trace; the events and the outcome carry it on. */
    @Override
    public void process(Record<String, byte[]> record) {
        context.recordMetadata().ifPresent(at -> poison.processing(context.taskId(),
                new PoisonCommands.Position(at.topic(), at.partition(), at.offset())));
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
            setAside.deadLetter(record, e);
            return;
        }
        Optional<String> failedBefore = context.recordMetadata()
                .flatMap(at -> poison.takeReason(new PoisonCommands.Position(at.topic(), at.partition(), at.offset())));
        if (failedBefore.isPresent()) {
            setAside.command(record, command, new UnprocessableCommandException(failedBefore.get()));
            return;
        }
        Decision decision;
        StagedWrites step;
        try {
            ConversationState state = Optional.ofNullable(conversations.get(command.conversationId()))
                    .orElseGet(() -> ConversationState.empty(command.conversationId()));
            decision = decider.decide(state, command, lookups(record.timestamp()));
            step = stage(record, command, state, decision);
        } catch (RuntimeException e) {
            // The rules could not handle this command (a bug), or it would write what Kafka refuses: park it
            // where operators look, tell its issuer, keep the partition flowing.
            setAside.command(record, command, e);
            return;
        }
        step.write();
        decided(command, decision);
    }

    /** Everything a decision writes — state, events, outcome — encoded and measured, not yet written. */
    private StagedWrites stage(Record<String, byte[]> record, ChatCommand command, ConversationState state,
            Decision decision) {
        StagedWrites step = new StagedWrites(context, traces, maxRecordBytes);
        ConversationState next = state.applyAll(decision.events()).withBlocks(decision.blocks());
        if (next != state) {
            step.put(conversations, command.conversationId(), next);
        }
        if (!decision.events().isEmpty()) {
            Map<String, MessageFacts> facts = new HashMap<>();
            for (ChatEvent event : decision.events()) {
                if (event instanceof MessageSent sent && sent.clientMessageId() != null) {
                    step.put(sentMessages, dedupeKey(sent.conversationId(), sent.senderId(), sent.clientMessageId()), sent);
                }
                remember(event, facts);
            }
            facts.forEach((key, value) -> step.put(messages, key, value));
        }
        for (MessageReported report : decision.reports()) {
            String key = messageKey(report.conversationId(), report.messageId());
            step.put(messages, key, messages.get(key).reportedBy(report.reporterId()));
        }
        for (ChatEvent event : decision.events()) {
            step.forward(record, codec.event(event), event.occurredAt(), DecisionTopology.EVENTS);
        }
        for (MessageReported report : decision.reports()) {
            step.forward(record, codec.report(report), report.reportedAt(), DecisionTopology.REPORTS);
        }
        for (BlockChanged change : decision.blocks()) {
            step.forward(record, codec.block(change), change.changedAt(), DecisionTopology.BLOCKS);
        }
        Instant now = clock.instant();
        step.forward(record, codec.outcome(decision.outcome(), now), now, DecisionTopology.OUTCOMES);
        return step;
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

    /** What an event tells about its message, for the next action on it (facts staged in this step first). */
    private void remember(ChatEvent event, Map<String, MessageFacts> staged) {
        MessageFacts.messageIdOf(event).ifPresent(messageId -> {
            String key = messageKey(event.conversationId(), messageId);
            MessageFacts before = staged.containsKey(key) ? staged.get(key) : messages.get(key);
            if (event instanceof MessageSent sent) {
                staged.put(key, MessageFacts.of(sent));
            } else if (before != null) {
                staged.put(key, before.apply(event));
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
        // Resume after the last key next time; start over once the end is reached.
        sweptUpTo = sentMessages.scan(sweptUpTo, SWEEP_SLICE, (key, sent) -> {
            if (sent.sentAt().isBefore(oldest)) {
                expired.add(key);
            }
        });
        expired.forEach(sentMessages::delete);
    }

    /** User ids cannot contain a line break, so the parts cannot run into each other. */
    static String dedupeKey(String conversationId, String senderId, String clientMessageId) {
        return conversationId + '\n' + senderId + '\n' + clientMessageId;
    }
}
