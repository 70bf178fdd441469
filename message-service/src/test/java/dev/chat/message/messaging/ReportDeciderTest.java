package dev.chat.message.messaging;

import static dev.chat.message.messaging.MessageActionDeciderTest.DM;
import static dev.chat.message.messaging.MessageActionDeciderTest.NOW;
import static dev.chat.message.messaging.MessageActionDeciderTest.SENT;
import static dev.chat.message.messaging.MessageActionDeciderTest.deleted;
import static dev.chat.message.messaging.MessageActionDeciderTest.lunch;
import static dev.chat.message.messaging.MessageActionDeciderTest.started;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.MessageReported;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.ReportMessage;
import dev.chat.contracts.ReportReason;
import org.junit.jupiter.api.Test;

/**
 * Reports, as "given these events (and these earlier reports), when this report, expect these reports to
 * moderation": never an event of the conversation.
 */
class ReportDeciderTest {

    private static final String BOBS_REPORT = MessageReported.idOf(DM, "m1", "bob");

    @Test
    void aMemberReportsAMessageToModerationNotToTheConversation() {
        given(started(), lunch()).when(report("bob", "spam", "  Third time today. "))
                .expectReports(new MessageReported(BOBS_REPORT, DM, "m1", 2, "alice", "bob", ReportReason.SPAM,
                        "Third time today.", "Lunch at noon?", NOW))
                .expectConversationVersion(2);
        given(started(), lunch()).when(report("bob", "self-harm", " "))
                .expectReports(new MessageReported(BOBS_REPORT, DM, "m1", 2, "alice", "bob", ReportReason.SELF_HARM,
                        null, "Lunch at noon?", NOW));
    }

    @Test
    void aMemberReportsAMessageOnceAndAgainIsADuplicateThatPublishesNothing() {
        MessageReported first = new MessageReported(BOBS_REPORT, DM, "m1", 2, "alice", "bob", ReportReason.SPAM, null,
                "Lunch at noon?", SENT);
        given(started(), lunch()).andReported(first).when(report("bob", "hate", null))
                .expectDuplicate().expectAcceptedWithoutEvents();
    }

    @Test
    void aMessageHoldsAThousandReportersAndRefusesMoreWhileTheOnesItHoldsStillGetTheirDuplicate() {
        given(started(), lunch()).andReported(reports("u", MessageActionDecider.MAX_REPORTS_PER_MESSAGE))
                .when(report("bob", "spam", null))
                .expectRejected(RejectionCode.CONFLICT, "the most reports it can hold (1000)");
        MessageReported[] withBob = reports("u", MessageActionDecider.MAX_REPORTS_PER_MESSAGE);
        withBob[0] = reports("bob", 1)[0];
        given(started(), lunch()).andReported(withBob).when(report("bob", "spam", null))
                .expectDuplicate().expectAcceptedWithoutEvents();
    }

    /** {@code count} earlier reports of m1, by {@code prefix}0, {@code prefix}1 … ({@code prefix} alone for one). */
    private static MessageReported[] reports(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> count == 1 ? prefix : prefix + i)
                .map(reporter -> new MessageReported(MessageReported.idOf(DM, "m1", reporter), DM, "m1", 2, "alice",
                        reporter, ReportReason.SPAM, null, "Lunch at noon?", SENT))
                .toArray(MessageReported[]::new);
    }

    @Test
    void aReportNeedsAKnownReasonAndAShortWellFormedNote() {
        given(started(), lunch()).when(report("bob", "boring", null)).expectRejected(RejectionCode.INVALID,
                "reason must be one of spam, harassment, hate, violence, sexual, self-harm, other");
        given(started(), lunch()).when(report("bob", null, null))
                .expectRejected(RejectionCode.INVALID, "reason must be one of");
        given(started(), lunch()).when(report("bob", "spam", "x".repeat(1001)))
                .expectRejected(RejectionCode.INVALID, "note is longer than 1000 characters");
        given(started(), lunch()).when(report("bob", "spam", "bad \uD800 text"))
                .expectRejected(RejectionCode.INVALID, "well-formed");
    }

    @Test
    void noOneReportsTheirOwnADeletedOrAnUnseenMessage() {
        given(started(), lunch()).when(report("alice", "spam", null))
                .expectRejected(RejectionCode.INVALID, "your own message");
        given(started(), lunch(), deleted(3, "alice")).when(report("bob", "spam", null))
                .expectRejected(RejectionCode.CONFLICT, "deleted");
        given(started(), lunch()).when(report("carol", "spam", null))
                .expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
        given(started(), lunch()).when(new ReportMessage("cmd", DM, "bob", "nope", "spam", null, NOW))
                .expectRejected(RejectionCode.UNKNOWN_MESSAGE, "no such message");
    }

    private static DecisionScenario given(ChatEvent... history) {
        return DecisionScenario.given(MessageActionDeciderTest.deciders(NOW), history);
    }

    private static ReportMessage report(String reporter, String reason, String note) {
        return new ReportMessage("cmd", DM, reporter, "m1", reason, note, NOW);
    }
}
