package dev.chat.notifier.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notification rules' test vocabulary, with a fake clock: given these events in these conversations (each
 * at its time), for this user with these preferences, at this time expect this push, this email, or none.
 * Events get the next version of their conversation; the state is folded the way the notifier folds it.
 */
final class NotificationScenario {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final Timings TIMINGS = new Timings(Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(2), Duration.ofDays(1));
    static final String GROUP = "grp.00000000-0000-4000-8000-000000000001";

    private final NotificationRules rules = new NotificationRules(TIMINGS);
    private final Recipient recipient;
    private final Map<String, Pending> states = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private Instant now = T0;
    private Instant lastEmailAt;

    private NotificationScenario(Recipient recipient) {
        this.recipient = recipient;
    }

    static NotificationScenario forUser(String userId, Preferences preferences) {
        return new NotificationScenario(new Recipient(userId, userId, preferences));
    }

    static Preferences withEmail() {
        return new Preferences("bob@example.test", EmailSchedule.AFTER_DELAY,
                Level.ALL, null, null, Map.of());
    }

    NotificationScenario at(Duration sinceStart) {
        now = T0.plus(sinceStart);
        return this;
    }

    /** {@code from} writes {@code text} to the user, directly. */
    NotificationScenario direct(String from, String text) {
        return sent(Ids.directConversationId(from, recipient.userId()), from, text,
                List.of(from, recipient.userId()));
    }

    /** {@code from} writes {@code text} in the group, whose members are the user, {@code from} and carol. */
    NotificationScenario inGroup(String from, String text) {
        return sent(GROUP, from, text, List.of(recipient.userId(), from, "carol"));
    }

    NotificationScenario sent(String conversationId, String from, String text, List<String> participants) {
        long version = next(conversationId);
        return apply(new MessageSent("m" + conversationId.hashCode() + "-" + version, conversationId, version, from,
                participants, "c" + version, text, MessageType.TEXT, List.of(), now));
    }

    NotificationScenario readBy(String reader, String conversationId) {
        long version = next(conversationId);
        return apply(new MessagesRead(conversationId, version, reader, version - 1, List.of(reader), now));
    }

    NotificationScenario edited(String conversationId, long messageVersion, String text) {
        Pending state = state(conversationId);
        PendingMessage message = state.messages().stream().filter(m -> m.version() == messageVersion).findFirst()
                .orElseThrow();
        return apply(new MessageEdited(conversationId, next(conversationId), message.messageId(), 2,
                message.senderId(), text, List.of(recipient.userId(), message.senderId()), now));
    }

    NotificationScenario deleted(String conversationId, long messageVersion) {
        Pending state = state(conversationId);
        PendingMessage message = state.messages().stream().filter(m -> m.version() == messageVersion).findFirst()
                .orElseThrow();
        return apply(new MessageDeleted(conversationId, next(conversationId), message.messageId(), 2,
                message.senderId(), message.senderId(), List.of(recipient.userId(), message.senderId()), now));
    }

    /** The same event again, as a replay would deliver it. */
    NotificationScenario apply(ChatEvent event) {
        if (NotificationRules.touched(event).contains(recipient.userId())) {
            states.put(event.conversationId(), rules.apply(state(event.conversationId()), event, recipient, now));
        }
        return this;
    }

    Pending state(String conversationId) {
        return states.getOrDefault(conversationId,
                Pending.empty(recipient.userId(), conversationId, Ids.isGroupId(conversationId)));
    }

    PushDecision pushIn(String conversationId, boolean active) {
        return rules.push(state(conversationId), recipient.preferences(), active, now);
    }

    /** The push due now in the conversation is decided; when sent, it is recorded as pushed. */
    NotificationScenario expectPush(String conversationId, String text, int unread) {
        Pending state = state(conversationId);
        assertThat(state.pushDueAt()).as("push due").isNotNull().isBeforeOrEqualTo(now);
        PushDecision decision = pushIn(conversationId, false);
        assertThat(decision).isInstanceOfSatisfying(PushDecision.Send.class, send -> {
            assertThat(send.notice().text()).isEqualTo(text);
            assertThat(send.notice().unread()).isEqualTo(unread);
        });
        states.put(conversationId, rules.afterPush(state, state.newestVersion(), now));
        return this;
    }

    NotificationScenario expectNoPushDue(String conversationId) {
        Pending state = state(conversationId);
        assertThat(state.pushDueAt() == null || state.pushDueAt().isAfter(now)).as("no push due").isTrue();
        return this;
    }

    List<Pending> emailsDue() {
        return states.values().stream().filter(p -> p.emailDueAt() != null && !p.emailDueAt().isAfter(now)).toList();
    }

    EmailDecision emailDecision() {
        return rules.email(emailsDue(), recipient.preferences(), lastEmailAt, now);
    }

    /** One email now, over these conversations; recorded as sent. */
    NotificationScenario expectEmail(String... conversationIds) {
        EmailDecision decision = emailDecision();
        assertThat(decision).isInstanceOfSatisfying(EmailDecision.Send.class, send -> assertThat(
                send.conversations().stream().map(Pending::conversationId)).containsExactlyInAnyOrder(conversationIds));
        for (Pending pending : new ArrayList<>(((EmailDecision.Send) decision).conversations())) {
            states.put(pending.conversationId(), rules.afterEmail(pending, pending.newestVersion(), now));
        }
        lastEmailAt = now;
        return this;
    }

    NotificationScenario expectNoEmailDue() {
        assertThat(emailsDue()).as("emails due").isEmpty();
        return this;
    }

    private long next(String conversationId) {
        return versions.merge(conversationId, 1L, Long::sum);
    }
}
