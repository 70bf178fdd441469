package dev.chat.notifier.rules;

import static dev.chat.notifier.rules.NotificationScenario.GROUP;
import static dev.chat.notifier.rules.NotificationScenario.T0;
import static dev.chat.notifier.rules.NotificationScenario.forUser;
import static dev.chat.notifier.rules.NotificationScenario.withEmail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.Ids;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationRulesTest {

    static final String ALICE_BOB = Ids.directConversationId("alice", "bob");

    @Test
    void aDirectMessageStillUnreadIsPushedAfterTheDelayThenEmailedAfterTheEmailDelay() {
        forUser("bob", withEmail())
                .direct("alice", "lunch?")
                .at(Duration.ofSeconds(14)).expectNoPushDue(ALICE_BOB)
                .at(Duration.ofSeconds(15)).expectPush(ALICE_BOB, "lunch?", 1)
                .at(Duration.ofMinutes(9)).expectNoEmailDue()
                .at(Duration.ofMinutes(10)).expectEmail(ALICE_BOB)
                .expectNoEmailDue();
    }

    @Test
    void theSenderIsNeverNotified() {
        var scenario = forUser("alice", withEmail()).sent(ALICE_BOB, "alice", "hi", List.of("alice", "bob"))
                .at(Duration.ofHours(1));
        assertThat(scenario.state(ALICE_BOB).unread()).isZero();
        scenario.expectNoPushDue(ALICE_BOB).expectNoEmailDue();
    }

    @Test
    void onlyMembersAtTheTimeOfTheMessage() {
        var scenario = forUser("bob", withEmail())
                .sent(GROUP, "alice", "before bob joined", List.of("alice", "carol")).at(Duration.ofHours(1));
        assertThat(scenario.state(GROUP).unread()).isZero();
    }

    @Test
    void readOnAnotherDeviceBeforeTheDueTimeMeansNothingIsSent() {
        forUser("bob", withEmail())
                .direct("alice", "lunch?")
                .at(Duration.ofSeconds(5)).readBy("bob", ALICE_BOB)
                .at(Duration.ofHours(1)).expectNoPushDue(ALICE_BOB).expectNoEmailDue();
    }

    @Test
    void writingInTheConversationCountsAsHavingReadIt() {
        var scenario = forUser("bob", withEmail())
                .direct("alice", "lunch?")
                .at(Duration.ofSeconds(5)).sent(ALICE_BOB, "bob", "yes!", List.of("alice", "bob"))
                .at(Duration.ofHours(1)).expectNoPushDue(ALICE_BOB).expectNoEmailDue();
        assertThat(scenario.state(ALICE_BOB).unread()).isZero();
    }

    @Test
    void aReadBySomeoneElseChangesNothing() {
        forUser("bob", withEmail())
                .inGroup("alice", "hello all")
                .at(Duration.ofSeconds(5)).readBy("carol", GROUP)
                .at(Duration.ofMinutes(10)).expectEmail(GROUP);
    }

    @Test
    void anEditBeforeSendingSendsTheNewestText() {
        forUser("bob", withEmail())
                .direct("alice", "lunch at 12?")
                .at(Duration.ofSeconds(3)).edited(ALICE_BOB, 1, "lunch at 1?")
                .at(Duration.ofSeconds(15)).expectPush(ALICE_BOB, "lunch at 1?", 1);
    }

    @Test
    void aDeleteCancelsWhatWasDue() {
        forUser("bob", withEmail())
                .direct("alice", "oops")
                .at(Duration.ofSeconds(3)).deleted(ALICE_BOB, 1)
                .at(Duration.ofHours(1)).expectNoPushDue(ALICE_BOB).expectNoEmailDue();
    }

    @Test
    void fiveMessagesInOneConversationMakeOneEmailAndOnePushWithTheCount() {
        var scenario = forUser("bob", withEmail());
        for (int i = 1; i <= 5; i++) {
            scenario.at(Duration.ofSeconds(i)).direct("alice", "message " + i);
        }
        scenario.at(Duration.ofSeconds(16)).expectPush(ALICE_BOB, "message 5", 5)
                .at(Duration.ofMinutes(11)).expectEmail(ALICE_BOB).expectNoEmailDue();
        assertThat(scenario.emailDecision()).isInstanceOf(EmailDecision.Skip.class);
    }

    @Test
    void twoConversationsDueTogetherMakeOneEmail() {
        forUser("bob", withEmail())
                .direct("alice", "from alice")
                .inGroup("carol", "from carol in the group")
                .at(Duration.ofMinutes(10)).expectEmail(ALICE_BOB, GROUP);
    }

    @Test
    void atMostOneEmailPerMinimumInterval() {
        var scenario = forUser("bob", withEmail())
                .direct("alice", "first")
                .at(Duration.ofMinutes(10)).expectEmail(ALICE_BOB)
                .at(Duration.ofMinutes(11)).direct("alice", "second")
                .at(Duration.ofMinutes(21));
        assertThat(scenario.emailDecision()).isEqualTo(new EmailDecision.Defer(T0.plus(Duration.ofMinutes(25))));
        scenario.at(Duration.ofMinutes(25)).expectEmail(ALICE_BOB);
    }

    @Test
    void aMutedConversationNotifiesNothingUntilTheMuteEnds() {
        Instant until = T0.plus(Duration.ofHours(1));
        Preferences muted = new Preferences("bob@example.test", EmailSchedule.AFTER_DELAY, Level.ALL, null, null,
                Map.of(GROUP, new ConversationSetting(true, until, null)));
        var scenario = forUser("bob", muted)
                .inGroup("alice", "while muted")
                .at(Duration.ofHours(2)).expectNoPushDue(GROUP).expectNoEmailDue()
                .inGroup("alice", "after the mute")
                .at(Duration.ofHours(2).plusSeconds(15)).expectPush(GROUP, "after the mute", 1);
        assertThat(scenario.state(GROUP).unread()).isEqualTo(1);
    }

    @Test
    void atMentionsOnlyADirectMessageOrAnAtUsernameNotifies() {
        Preferences mentions = new Preferences(null, EmailSchedule.OFF, Level.MENTIONS, null, null, Map.of());
        forUser("bob", mentions)
                .inGroup("alice", "hello everyone")
                .inGroup("alice", "no @bobby here")
                .at(Duration.ofSeconds(20)).expectNoPushDue(GROUP)
                .inGroup("alice", "what do you think, @Bob?")
                .direct("alice", "and directly")
                .at(Duration.ofSeconds(40)).expectPush(GROUP, "what do you think, @Bob?", 1)
                .expectPush(ALICE_BOB, "and directly", 1);
    }

    @Test
    void aConversationLevelOverridesTheUsersOwn() {
        Preferences none = new Preferences(null, EmailSchedule.OFF, Level.ALL, null, null,
                Map.of(GROUP, new ConversationSetting(false, null, Level.NONE)));
        forUser("bob", none)
                .inGroup("alice", "@bob even a mention")
                .direct("alice", "but direct still")
                .at(Duration.ofMinutes(1)).expectNoPushDue(GROUP).expectPush(ALICE_BOB, "but direct still", 1);
    }

    @Test
    void quietHoursStopPushesAndHoldEmailsUntilTheyEnd() {
        // 10:00 UTC is 11:00 in Berlin: quiet from 10:30 to 12:00 there.
        QuietHours dnd = new QuietHours(LocalTime.of(10, 30), LocalTime.of(12, 0), ZoneId.of("Europe/Berlin"));
        Preferences quiet = new Preferences("bob@example.test", EmailSchedule.AFTER_DELAY, Level.ALL, dnd, null,
                Map.of());
        var scenario = forUser("bob", quiet).direct("alice", "in quiet hours")
                .at(Duration.ofMinutes(1)).expectNoPushDue(ALICE_BOB);
        assertThat(scenario.state(ALICE_BOB).emailDueAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
        scenario.at(Duration.ofMinutes(59)).expectNoEmailDue().at(Duration.ofHours(1)).expectEmail(ALICE_BOB);
    }

    @Test
    void quietHoursAcrossMidnight() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("UTC"));
        assertThat(night.covers(Instant.parse("2026-12-07T23:30:00Z"))).isTrue();
        assertThat(night.covers(Instant.parse("2026-12-07T06:59:00Z"))).isTrue();
        assertThat(night.covers(Instant.parse("2026-12-07T07:00:00Z"))).isFalse();
        assertThat(night.endAfter(Instant.parse("2026-12-07T23:30:00Z"))).isEqualTo(Instant.parse("2026-12-08T07:00:00Z"));
    }

    @Test
    void aSnoozeStopsPushesAndHoldsEmails() {
        Instant until = T0.plus(Duration.ofMinutes(30));
        Preferences snoozed = new Preferences("bob@example.test", EmailSchedule.AFTER_DELAY, Level.ALL, null, until,
                Map.of());
        var scenario = forUser("bob", snoozed).direct("alice", "while snoozed")
                .at(Duration.ofMinutes(1)).expectNoPushDue(ALICE_BOB);
        assertThat(scenario.state(ALICE_BOB).emailDueAt()).isEqualTo(until);
    }

    @Test
    void aUserActiveInTheLastMinutesGetsNoPush() {
        var scenario = forUser("bob", withEmail()).direct("alice", "you are here anyway")
                .at(Duration.ofSeconds(15));
        assertThat(scenario.pushIn(ALICE_BOB, true)).isEqualTo(new PushDecision.Skip("active"));
        assertThat(scenario.pushIn(ALICE_BOB, false)).isInstanceOf(PushDecision.Send.class);
    }

    @Test
    void aPushStillFailingADayAfterItsMessageIsGivenUp() {
        var scenario = forUser("bob", withEmail()).direct("alice", "are you there?")
                .at(Duration.ofHours(23).plusMinutes(59));
        assertThat(scenario.pushIn(ALICE_BOB, false)).isInstanceOf(PushDecision.Send.class);
        scenario.at(Duration.ofHours(24).plusMinutes(1));
        assertThat(scenario.pushIn(ALICE_BOB, false)).isEqualTo(new PushDecision.Skip("too old"));
    }

    @Test
    void aReplayChangesNothingAndSendsNothingAgain() {
        var scenario = forUser("bob", withEmail()).direct("alice", "once");
        MessageSent first = new MessageSent("m" + ALICE_BOB.hashCode() + "-1", ALICE_BOB, 1, "alice",
                List.of("alice", "bob"), "c1", "once", MessageType.TEXT, List.of(), T0);
        scenario.at(Duration.ofSeconds(15)).expectPush(ALICE_BOB, "once", 1);
        Pending before = scenario.state(ALICE_BOB);
        scenario.apply(first);
        assertThat(scenario.state(ALICE_BOB)).isEqualTo(before);
        scenario.expectNoPushDue(ALICE_BOB);
    }

    @Test
    void oldHistoryReplayedIntoAnEmptyStoreNotifiesNobody() {
        var scenario = forUser("bob", withEmail()).at(Duration.ofDays(3));
        scenario.apply(new MessageSent("old", ALICE_BOB, 1, "alice", List.of("alice", "bob"), "c1", "long ago",
                MessageType.TEXT, List.of(), T0));
        assertThat(scenario.state(ALICE_BOB).unread()).isZero();
        scenario.expectNoEmailDue().expectNoPushDue(ALICE_BOB);
    }

    @Test
    void aRemovedMemberIsNotNotifiedOfWhatWasPending() {
        var scenario = forUser("bob", withEmail()).inGroup("alice", "before removal");
        scenario.apply(new MemberRemoved(GROUP, 2, "alice", "bob", List.of("alice", "carol"), List.of("alice"), T0));
        scenario.at(Duration.ofHours(1)).expectNoPushDue(GROUP).expectNoEmailDue();
    }

    @Test
    void emailsOffOrNoAddressMeansNone() {
        Preferences off = new Preferences("bob@example.test", EmailSchedule.OFF, Level.ALL, null, null, Map.of());
        forUser("bob", off).direct("alice", "hi").at(Duration.ofDays(1)).expectNoEmailDue();
        forUser("bob", Preferences.DEFAULTS).direct("alice", "hi").at(Duration.ofDays(1)).expectNoEmailDue();
    }

    @Test
    void schedulesBatchAtQuarterHoursHoursAndDailyAtEightInTheUsersZone() {
        Instant at = Instant.parse("2026-12-07T10:07:30Z");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Duration delay = Duration.ofMinutes(10);
        assertThat(EmailSchedule.QUARTER_HOURLY.due(at, delay, berlin)).contains(Instant.parse("2026-12-07T10:15:00Z"));
        assertThat(EmailSchedule.HOURLY.due(at, delay, berlin)).contains(Instant.parse("2026-12-07T11:00:00Z"));
        assertThat(EmailSchedule.DAILY.due(at, delay, berlin)).contains(Instant.parse("2026-12-08T07:00:00Z"));
        assertThat(EmailSchedule.AFTER_DELAY.due(at, delay, berlin)).contains(Instant.parse("2026-12-07T10:17:30Z"));
        assertThat(EmailSchedule.OFF.due(at, delay, berlin)).isEmpty();
    }

    @Test
    void mentionsAreWholeNamesOnly() {
        assertThat(NotificationRules.mentions("hi @bob", "bob")).isTrue();
        assertThat(NotificationRules.mentions("@BOB: look", "bob")).isTrue();
        assertThat(NotificationRules.mentions("hi @bobby", "bob")).isFalse();
        assertThat(NotificationRules.mentions("mail bob@example.test", "example")).isFalse();
        assertThat(NotificationRules.mentions("hi bob", "bob")).isFalse();
    }
}
