package dev.chat.notifier.rules;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When to notify (after Zulip's and Matrix's rules): never the sender, only members at the time of the message,
 * nothing for a muted conversation or at a level that does not admit the message, no push in quiet hours or a
 * snooze (an email waits for them to end), a push only after the push delay if the message is still unread
 * and the user is not active, one email per batch and at most one per minimum interval; a read, a delete or
 * the user's own message in the conversation takes messages back.
 */
public final class NotificationRules {

    private final Timings timings;

    public NotificationRules(Timings timings) {
        this.timings = timings;
    }

    public Timings timings() {
        return timings;
    }

    /** Whether events of this type can touch anyone's notifications (others need not even be decoded). */
    public static boolean reads(dev.chat.contracts.ContractType type) {
        return switch (type) {
            case MESSAGE_SENT, MESSAGE_EDITED, MESSAGE_DELETED, MESSAGES_READ, MEMBER_REMOVED -> true;
            default -> false;
        };
    }

    /** The users whose state in the event's conversation the event may change. */
    public static List<String> touched(ChatEvent event) {
        if (event instanceof MessageSent || event instanceof MessageEdited || event instanceof MessageDeleted) {
            return event.participants();
        }
        if (event instanceof MessagesRead read) {
            return List.of(read.readerId());
        }
        return event instanceof MemberRemoved removed ? List.of(removed.userId()) : List.of();
    }

    /** {@code before} after {@code event}; unchanged for an event already applied (at or below its version). */
    public Pending apply(Pending before, ChatEvent event, Recipient recipient, Instant now) {
        if (event.version() <= before.appliedVersion()) {
            return before;
        }
        return folded(before, event, recipient, now).applied(event.version());
    }

    private Pending folded(Pending before, ChatEvent event, Recipient recipient, Instant now) {
        if (event instanceof MessageSent sent) {
            return sent(before, sent, recipient, now);
        }
        if (event instanceof MessagesRead read) {
            return read.readerId().equals(before.userId())
                    ? before.removing(m -> m.version() <= read.upToVersion(), true) : before;
        }
        if (event instanceof MessageEdited edited) {
            return before.editing(edited.messageId(), edited.content());
        }
        if (event instanceof MessageDeleted deleted) {
            return before.removing(m -> m.messageId().equals(deleted.messageId()), false);
        }
        if (event instanceof MemberRemoved removed) {
            return removed.userId().equals(before.userId()) ? before.removing(m -> true, true) : before;
        }
        return before;
    }

    private Pending sent(Pending before, MessageSent sent, Recipient recipient, Instant now) {
        String user = before.userId();
        if (sent.senderId().equals(user)) {
            // Writing in a conversation means having seen it.
            return before.removing(m -> true, true);
        }
        Preferences preferences = recipient.preferences();
        Instant at = sent.sentAt();
        boolean mention = !before.group() || mentions(sent.content(), recipient.username());
        if (!sent.participants().contains(user) || at.isBefore(now.minus(timings.maxAge()))
                || preferences.in(sent.conversationId()).mutedAt(at)
                || !preferences.levelIn(sent.conversationId()).admits(mention)) {
            return before;
        }
        boolean pushable = !preferences.quietAt(at) && !preferences.snoozedAt(at);
        PendingMessage message = new PendingMessage(sent.messageId(), sent.version(), sent.senderId(), sent.content(),
                at, mention, pushable, null);
        return before.adding(message, pushable ? at.plus(timings.pushDelay()) : null, emailDue(preferences, at)
                .orElse(null));
    }

    private Optional<Instant> emailDue(Preferences preferences, Instant at) {
        if (!preferences.emails()) {
            return Optional.empty();
        }
        return preferences.emailSchedule().due(at, timings.emailDelay(), preferences.zone()).map(due -> {
            Instant notSnoozed = preferences.snoozedAt(due) ? preferences.snoozeUntil() : due;
            return preferences.quietHours() == null ? notSnoozed : preferences.quietHours().endAfter(notSnoozed);
        });
    }

    /** {@code @username} anywhere in the text, not inside a longer name (case-insensitive). */
    static boolean mentions(String text, String username) {
        if (text == null || username == null || username.isBlank()) {
            return false;
        }
        return Pattern.compile("(^|[^\\p{L}\\p{N}_])@" + Pattern.quote(username.toLowerCase(Locale.ROOT))
                + "(?![\\p{L}\\p{N}_])").matcher(text.toLowerCase(Locale.ROOT)).find();
    }

    /** How long a push is worth sending (its Web Push {@code TTL}): after a day, the email has said it. */
    public static final java.time.Duration PUSH_LIFETIME = java.time.Duration.ofHours(24);

    /** At a push's due time: send it, or why not. {@code active}: online and did something within the window. */
    public PushDecision push(Pending pending, Preferences preferences, boolean active, Instant now) {
        List<PendingMessage> fresh = pending.messages().stream()
                .filter(m -> m.version() > pending.pushedUpTo() && m.pushable()).toList();
        String conversation = pending.conversationId();
        if (fresh.isEmpty()) {
            return new PushDecision.Skip("nothing unread");
        }
        if (preferences.in(conversation).mutedAt(now)) {
            return new PushDecision.Skip("muted");
        }
        if (preferences.snoozedAt(now) || preferences.quietAt(now)) {
            return new PushDecision.Skip("do not disturb");
        }
        if (active) {
            return new PushDecision.Skip("active");
        }
        PendingMessage newest = pending.messages().get(pending.messages().size() - 1);
        if (newest.sentAt().isBefore(now.minus(PUSH_LIFETIME))) {
            // A push service keeps a push this long at most: retrying a failing one beyond it is pointless.
            return new PushDecision.Skip("too old");
        }
        return new PushDecision.Send(new PushDecision.PushNotice(pending.userId(), conversation, pending.group(),
                newest.messageId(), newest.senderId(), newest.text(), pending.unread()));
    }

    /** After a push that covered messages up to {@code version}: a newer message gets its own push later. */
    public Pending afterPush(Pending pending, long version, Instant now) {
        return pending.pushedUpTo(version, now.plus(timings.pushDelay()));
    }

    /** No push now (skipped): the same as having sent it, for what it covered. */
    public Pending pushNotNeeded(Pending pending, Instant now) {
        return afterPush(pending, pending.newestVersion(), now);
    }

    /**
     * After an email that covered messages up to {@code version} (or was decided against): newer messages wait
     * for the next one, at the earliest after the minimum interval.
     */
    public Pending afterEmail(Pending pending, long version, Instant now) {
        return pending.emailedUpTo(version, now.plus(timings.emailMinInterval()));
    }

    public Pending emailDeferred(Pending pending, Instant until) {
        return pending.emailDeferred(until);
    }

    /** At an email's due time, over the user's conversations with something due: one email, later, or none. */
    public EmailDecision email(List<Pending> pendings, Preferences preferences, Instant lastEmailAt, Instant now) {
        if (!preferences.emails()) {
            return new EmailDecision.Skip("no email wanted");
        }
        List<Pending> conversations = new ArrayList<>();
        for (Pending pending : pendings) {
            boolean fresh = pending.messages().stream().anyMatch(m -> m.version() > pending.emailedUpTo());
            if (fresh && !preferences.in(pending.conversationId()).mutedAt(now)) {
                conversations.add(pending);
            }
        }
        if (conversations.isEmpty()) {
            return new EmailDecision.Skip("nothing unread");
        }
        if (lastEmailAt != null && now.isBefore(lastEmailAt.plus(timings.emailMinInterval()))) {
            return new EmailDecision.Defer(lastEmailAt.plus(timings.emailMinInterval()));
        }
        if (preferences.snoozedAt(now)) {
            return new EmailDecision.Defer(preferences.snoozeUntil());
        }
        if (preferences.quietAt(now)) {
            return new EmailDecision.Defer(preferences.quietHours().endAfter(now));
        }
        return new EmailDecision.Send(preferences.email(), conversations);
    }
}
