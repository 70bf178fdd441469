package dev.chat.message.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.MessageReported;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.SendMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The decider tests' vocabulary: given these events, when this command, expect these events and this
 * answer. Lookups (earlier sends, single messages) are folded from the given events, as the processor's
 * stores are from the same events.
 */
final class DecisionScenario {

    private final Deciders deciders;
    private final List<ChatEvent> history;
    private final List<MessageReported> reports = new ArrayList<>();
    private final List<BlockChanged> blocks = new ArrayList<>();
    private Decision decision;

    private DecisionScenario(Deciders deciders, List<ChatEvent> history) {
        this.deciders = deciders;
        this.history = history;
    }

    static DecisionScenario given(Deciders deciders, ChatEvent... history) {
        return new DecisionScenario(deciders, Arrays.asList(history));
    }

    /** Reports published before (not events: the processor keeps them in the message's facts). */
    DecisionScenario andReported(MessageReported... earlier) {
        reports.addAll(Arrays.asList(earlier));
        return this;
    }

    /** Blocks decided before (not events: the processor keeps them in the conversation's state). */
    DecisionScenario andBlocked(BlockChanged... earlier) {
        blocks.addAll(Arrays.asList(earlier));
        return this;
    }

    DecisionScenario when(ChatCommand command) {
        ConversationState state = ConversationState.of(command.conversationId(), history).withBlocks(blocks);
        decision = deciders.decide(state, command, new Lookups() {
            @Override
            public Optional<MessageSent> earlierSend(SendMessage send) {
                return history.stream()
                        .filter(MessageSent.class::isInstance).map(MessageSent.class::cast)
                        .filter(m -> m.senderId().equals(send.senderId())
                                && m.clientMessageId().equals(send.clientMessageId()))
                        .findFirst();
            }

            @Override
            public Optional<MessageFacts> message(String conversationId, String messageId) {
                MessageFacts facts = null;
                for (ChatEvent event : history) {
                    if (MessageFacts.messageIdOf(event).filter(messageId::equals).isPresent()) {
                        facts = event instanceof MessageSent sent ? MessageFacts.of(sent)
                                : facts == null ? null : facts.apply(event);
                    }
                }
                for (MessageReported report : reports) {
                    if (facts != null && report.messageId().equals(messageId)) {
                        facts = facts.reportedBy(report.reporterId());
                    }
                }
                return Optional.ofNullable(facts);
            }
        });
        // Whatever is decided must extend the history without a gap.
        List<ChatEvent> all = new ArrayList<>(history);
        all.addAll(decision.events());
        ConversationState.of(command.conversationId(), all);
        return this;
    }

    Decision decision() {
        return decision;
    }

    DecisionScenario expectEvents(ChatEvent... expected) {
        assertThat(decision.events()).containsExactly(expected);
        assertThat(decision.outcome()).isInstanceOf(CommandAccepted.class);
        return this;
    }

    DecisionScenario expectNoEvents() {
        assertThat(decision.events()).isEmpty();
        return this;
    }

    DecisionScenario expectAcceptedWith(MessageSent message, boolean duplicate) {
        assertThat(decision.outcome()).isInstanceOfSatisfying(CommandAccepted.class, accepted -> {
            assertThat(accepted.message()).isEqualTo(message);
            assertThat(accepted.duplicate()).isEqualTo(duplicate);
        });
        return this;
    }

    /** The version a reader of the projections must reach to see the command's effect. */
    DecisionScenario expectConversationVersion(long version) {
        assertThat(decision.outcome()).isInstanceOfSatisfying(CommandAccepted.class,
                accepted -> assertThat(accepted.conversationVersion()).isEqualTo(version));
        return this;
    }

    DecisionScenario expectAcceptedReadUpTo(long version) {
        assertThat(decision.outcome()).isInstanceOfSatisfying(CommandAccepted.class,
                accepted -> assertThat(accepted.readUpToVersion()).isEqualTo(version));
        return this;
    }

    /** Accepted, and nothing recorded: the command changed nothing. */
    void expectAcceptedWithoutEvents() {
        expectNoEvents();
        assertThat(decision.reports()).isEmpty();
        assertThat(decision.blocks()).isEmpty();
        assertThat(decision.outcome()).isInstanceOf(CommandAccepted.class);
    }

    /** Accepted, nothing recorded in the conversation, and these reports handed to moderation. */
    DecisionScenario expectReports(MessageReported... expected) {
        assertThat(decision.events()).isEmpty();
        assertThat(decision.reports()).containsExactly(expected);
        assertThat(decision.outcome()).isInstanceOf(CommandAccepted.class);
        return this;
    }

    /** Accepted, nothing recorded in the conversation, and these changes of the pair's block published. */
    DecisionScenario expectBlocks(BlockChanged... expected) {
        assertThat(decision.events()).isEmpty();
        assertThat(decision.blocks()).containsExactly(expected);
        assertThat(decision.outcome()).isInstanceOfSatisfying(CommandAccepted.class,
                accepted -> assertThat(accepted.duplicate()).isFalse());
        return this;
    }

    DecisionScenario expectDuplicate() {
        assertThat(decision.outcome()).isInstanceOfSatisfying(CommandAccepted.class,
                accepted -> assertThat(accepted.duplicate()).isTrue());
        return this;
    }

    void expectRejected(RejectionCode code, String reasonContains) {
        assertThat(decision.events()).isEmpty();
        assertThat(decision.reports()).isEmpty();
        assertThat(decision.blocks()).isEmpty();
        assertThat(decision.outcome()).isInstanceOfSatisfying(CommandRejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo(code);
            assertThat(rejected.reason()).contains(reasonContains);
            assertThat(rejected.commandId()).isEqualTo("cmd");
        });
    }
}
