package dev.chat.notifier.email;

import dev.chat.notifier.NotifierProperties;
import dev.chat.notifier.pending.PendingStore;
import dev.chat.notifier.people.ConversationNames;
import dev.chat.notifier.people.PreferencesStore;
import dev.chat.notifier.people.Profiles;
import dev.chat.notifier.rules.EmailDecision;
import dev.chat.notifier.rules.NotificationRules;
import dev.chat.notifier.rules.Pending;
import dev.chat.notifier.rules.Preferences;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;

/**
 * Sends the emails that are due, on any instance: for each user with something due, it takes the user's lease,
 * writes off an email an earlier holder may have died sending (never sent twice), asks the rules — which see
 * the newest state: read, deleted, preferences — and sends one email for all the user's conversations due.
 */
public class EmailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);
    private static final int USERS_PER_ROUND = 200;
    /** After the mail server refused or could not be reached: try again this much later. */
    static final Duration RETRY = Duration.ofMinutes(1);

    private final PendingStore pending;
    private final PreferencesStore preferences;
    private final Profiles profiles;
    private final ConversationNames conversations;
    private final EmailLedger ledger;
    private final NotificationRules rules;
    private final EmailComposer composer = new EmailComposer();
    private final Mailer mailer;
    private final UnsubscribeTokens tokens;
    private final NotifierProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer dueToSent;
    private final KafkaTraces traces;

    public EmailDispatcher(PendingStore pending, PreferencesStore preferences, Profiles profiles,
            ConversationNames conversations, EmailLedger ledger, NotificationRules rules, Mailer mailer,
            UnsubscribeTokens tokens, NotifierProperties properties, Clock clock, MeterRegistry meters,
            KafkaTraces traces) {
        this.traces = traces;
        this.pending = pending;
        this.preferences = preferences;
        this.profiles = profiles;
        this.conversations = conversations;
        this.ledger = ledger;
        this.rules = rules;
        this.mailer = mailer;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.dueToSent = Timer.builder("chat.notify.due.to.sent").tag("channel", "email")
                .description("from a notification's due time to its being sent").publishPercentileHistogram()
                .register(meters);
    }

    /** One round: every user with an email due now. */
    public void dispatchDue() {
        Instant now = clock.instant();
        pending.emailsDue(now, USERS_PER_ROUND).stream().map(s -> s.pending().userId()).distinct()
                .forEach(user -> {
                    try {
                        dispatch(user, now);
                    } catch (RuntimeException e) {
                        log.warn("Could not dispatch the email of {}: {}", user, e.toString());
                    }
                });
    }

    void dispatch(String user, Instant now) {
        Optional<EmailLedger.Claim> claimed = ledger.claim(user, now, now.plus(properties.emailLease()));
        if (claimed.isEmpty()) {
            return;
        }
        EmailLedger.Claim claim = claimed.get();
        if (!claim.interrupted().isEmpty()) {
            // Its holder died between "sending" and "sent": it may have gone. Not again.
            claim.interrupted().forEach((conversation, upTo) ->
                    pending.update(user, conversation, p -> rules.afterEmail(p, upTo, now)));
            ledger.sent(claim, now);
            outcome("unknown");
            return;
        }
        try {
            decide(claim, now);
        } catch (RuntimeException e) {
            // Before anything was recorded as being sent (that is written off instead): the next round tries again.
            ledger.release(claim);
            throw e;
        }
    }

    private void decide(EmailLedger.Claim claim, Instant now) {
        String user = claim.userId();
        List<Pending> due = pending.emailsDueFor(user, now).stream().map(PendingStore.Stored::pending).toList();
        if (due.isEmpty()) {
            ledger.release(claim);
            return;
        }
        Preferences wanted = preferences.of(user);
        EmailDecision decision = rules.email(due, wanted, claim.lastSentAt(), now);
        if (decision instanceof EmailDecision.Send send) {
            send(claim, send, wanted, due, now);
        } else if (decision instanceof EmailDecision.Defer defer) {
            due.forEach(p -> pending.update(user, p.conversationId(), s -> rules.emailDeferred(s, defer.until())));
            ledger.release(claim);
        } else {
            due.forEach(p -> pending.update(user, p.conversationId(), s -> rules.afterEmail(s, p.newestVersion(), now)));
            ledger.release(claim);
            outcome("skipped");
        }
    }

    private void send(EmailLedger.Claim claim, EmailDecision.Send send, Preferences wanted, List<Pending> due,
            Instant now) {
        String user = claim.userId();
        Map<String, Long> covers = new LinkedHashMap<>();
        send.conversations().forEach(p -> covers.put(p.conversationId(), p.newestVersion()));
        var names = profiles.of(send.conversations().stream().flatMap(p -> p.messages().stream())
                .map(m -> m.senderId()).collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new)));
        names.putAll(profiles.of(List.of(user)));
        Digest digest = composer.digest(send.to(), user, send.conversations(), names,
                conversations.of(covers.keySet()), wanted.zone(), properties.publicUrl(),
                properties.publicUrl() + "/api/notifications/unsubscribe?token=" + tokens.tokenFor(user));
        EmailComposer.Parts parts = composer.render(digest);
        if (!ledger.sending(claim, covers)) {
            return;
        }
        try {
            // A span continuing the trace of the newest quoted message's send, when that one was sampled.
            String traceparent = send.conversations().stream().map(Pending::traceparent)
                    .filter(java.util.Objects::nonNull).reduce((first, second) -> second).orElse(null);
            traces.inSpan("chat.notify.email", traceparent, () -> {
                mailer.send(digest, parts);
                return null;
            });
        } catch (MailException | Mailer.NotSent e) {
            // Not accepted by the mail server: nothing went out, so it may be tried again.
            log.warn("Could not email {}: {}", user, e.toString());
            due.forEach(p -> pending.update(user, p.conversationId(), s -> rules.emailDeferred(s, now.plus(RETRY))));
            ledger.release(claim);
            outcome("failed");
            return;
        }
        covers.forEach((conversation, upTo) -> pending.update(user, conversation, p -> rules.afterEmail(p, upTo, now)));
        ledger.sent(claim, now);
        outcome("sent");
        send.conversations().stream().map(Pending::emailDueAt).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).ifPresent(at -> dueToSent.record(Duration.between(at, clock.instant())));
    }

    private void outcome(String outcome) {
        Counter.builder("chat.notify.notifications").tag("channel", "email").tag("outcome", outcome)
                .description("notifications by channel and outcome").register(meters).increment();
    }
}
