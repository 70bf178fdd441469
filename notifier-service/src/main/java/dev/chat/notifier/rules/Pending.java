package dev.chat.notifier.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One user's notification state in one conversation: the unread messages that may notify them (the newest
 * {@link #KEPT}; {@code older} counts the ones let go), what was already pushed and emailed, and when the next
 * push and email are due. {@code appliedVersion} is the newest conversation version folded in: an event at or
 * below it was applied already (a replay changes nothing), and it is written in the same document as the rest.
 */
public record Pending(String userId, String conversationId, boolean group, long appliedVersion,
        List<PendingMessage> messages, int older, long pushedUpTo, long emailedUpTo, Instant pushDueAt,
        Instant emailDueAt) {

    /** Messages kept per user and conversation (an email quotes them; a push shows the newest). */
    public static final int KEPT = 20;

    public Pending {
        messages = List.copyOf(messages);
    }

    public static Pending empty(String userId, String conversationId, boolean group) {
        return new Pending(userId, conversationId, group, 0, List.of(), 0, 0, 0, null, null);
    }

    /** Unread messages that notify, counting those let go. */
    public int unread() {
        return messages.size() + older;
    }

    /** Whether anything is waiting to be sent. */
    public boolean due() {
        return pushDueAt != null || emailDueAt != null;
    }

    Pending applied(long version) {
        return new Pending(userId, conversationId, group, Math.max(appliedVersion, version), messages, older,
                pushedUpTo, emailedUpTo, pushDueAt, emailDueAt);
    }

    Pending adding(PendingMessage message, Instant pushDue, Instant emailDue) {
        List<PendingMessage> kept = new ArrayList<>(messages);
        kept.add(message);
        int let = Math.max(0, kept.size() - KEPT);
        return new Pending(userId, conversationId, group, appliedVersion, kept.subList(let, kept.size()), older + let,
                pushedUpTo, emailedUpTo, pushDueAt != null ? pushDueAt : pushDue,
                emailDueAt != null ? emailDueAt : emailDue);
    }

    /** Without the messages {@code gone} says are read or deleted; nothing due when none is left. */
    Pending removing(Predicate<PendingMessage> gone, boolean olderGoneToo) {
        List<PendingMessage> left = messages.stream().filter(gone.negate()).toList();
        int olderLeft = olderGoneToo ? 0 : older;
        boolean none = left.isEmpty() && olderLeft == 0;
        return new Pending(userId, conversationId, group, appliedVersion, left, olderLeft, pushedUpTo, emailedUpTo,
                none ? null : pushDueAt, none ? null : emailDueAt);
    }

    Pending editing(String messageId, String text) {
        return new Pending(userId, conversationId, group, appliedVersion,
                messages.stream().map(m -> m.messageId().equals(messageId) ? m.withText(text) : m).toList(), older,
                pushedUpTo, emailedUpTo, pushDueAt, emailDueAt);
    }

    /**
     * After a push that showed messages up to {@code version}: nothing due unless a newer pushable message came
     * meanwhile (then {@code nextDue}).
     */
    Pending pushedUpTo(long version, Instant nextDue) {
        boolean newer = messages.stream().anyMatch(m -> m.version() > version && m.pushable());
        return new Pending(userId, conversationId, group, appliedVersion, messages, older,
                Math.max(pushedUpTo, version), emailedUpTo, newer ? nextDue : null, emailDueAt);
    }

    /** After an email that quoted messages up to {@code version}: as {@link #pushedUpTo}, for email. */
    Pending emailedUpTo(long version, Instant nextDue) {
        boolean newer = messages.stream().anyMatch(m -> m.version() > version);
        return new Pending(userId, conversationId, group, appliedVersion, messages, older, pushedUpTo,
                Math.max(emailedUpTo, version), pushDueAt, newer ? nextDue : null);
    }

    /** The push due again at {@code until}: a dispatcher's lease while it sends, or a retry after a failure. */
    public Pending pushAt(Instant until) {
        return new Pending(userId, conversationId, group, appliedVersion, messages, older, pushedUpTo, emailedUpTo,
                until, emailDueAt);
    }

    /** The email postponed to {@code until}. */
    Pending emailDeferred(Instant until) {
        return new Pending(userId, conversationId, group, appliedVersion, messages, older, pushedUpTo, emailedUpTo,
                pushDueAt, until);
    }

    /** With the sampled trace of each message's send that {@code traceparents} (message id → traceparent) knows. */
    public Pending traced(java.util.Map<String, String> traceparents) {
        if (traceparents.isEmpty() || messages.stream().noneMatch(m -> traceparents.containsKey(m.messageId()))) {
            return this;
        }
        return new Pending(userId, conversationId, group, appliedVersion, messages.stream()
                .map(m -> m.traceparent() == null && traceparents.containsKey(m.messageId())
                        ? m.withTraceparent(traceparents.get(m.messageId())) : m).toList(),
                older, pushedUpTo, emailedUpTo, pushDueAt, emailDueAt);
    }

    /** The trace a notification of these messages continues: the newest message's that has one, or null. */
    public String traceparent() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).traceparent() != null) {
                return messages.get(i).traceparent();
            }
        }
        return null;
    }

    /** The newest message kept (what a push shows and the version it covers), if any. */
    public long newestVersion() {
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).version();
    }
}
