package dev.chat.projection.conversations;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationKind;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.ConversationView.LastMessage;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each event changes a conversation's view: plain functions on plain data. Two changes need a fact
 * from the history, which the caller looks up and passes in: how many of the messages a read newly covers
 * came from others, and which message becomes the preview when the last one is deleted.
 */
final class ViewFold {

    private ViewFold() {
    }

    static ConversationView started(ConversationStarted started) {
        Map<String, Long> zero = zeros(started.participants());
        return new ConversationView(started.conversationId(), started.version(), started.kind(), started.participants(),
                started.startedAt(), null, started.startedAt(), zero, zero);
    }

    /** A group: every member sees it from its first version; the creator is its admin. */
    static ConversationView created(GroupCreated created) {
        Map<String, Long> zero = zeros(created.participants());
        Map<String, Long> joined = new HashMap<>();
        created.participants().forEach(member -> joined.put(member, created.version()));
        // Its creator chose to be in it with everyone: the first to share their presence there.
        return new ConversationView(created.conversationId(), created.version(), ConversationKind.GROUP, created.participants(),
                created.createdAt(), null, created.createdAt(), zero, zero, created.name(), created.admins(), joined,
                null, List.of(created.createdBy()));
    }

    /** A view for a conversation whose start never arrived (it was dead-lettered): what the event itself says. */
    static ConversationView implicit(ChatEvent event) {
        String kind = Ids.directParticipants(event.conversationId()).isEmpty() ? ConversationKind.GROUP : ConversationKind.DIRECT;
        List<String> members = event instanceof MemberRemoved removed
                ? concat(event.participants(), removed.userId()) : event.participants();
        return started(new ConversationStarted(event.conversationId(), 0, kind, members, members.get(0),
                event.occurredAt()));
    }

    static ConversationView sent(ConversationView view, MessageSent sent) {
        Map<String, Long> unread = new HashMap<>(view.unread());
        sent.participants().stream().filter(p -> !p.equals(sent.senderId()))
                .forEach(p -> unread.merge(p, 1L, Long::sum));
        LastMessage last = new LastMessage(sent.messageId(), sent.senderId(), sent.content(), sent.type(),
                sent.version(), sent.sentAt());
        Builder next = with(view, sent.version()).last(last, sent.sentAt()).unread(unread);
        if (!view.spokeIn(sent.senderId())) {
            next.speakers(concat(view.speakers() == null ? List.of() : view.speakers(), sent.senderId()));
        }
        return next.build();
    }

    /** New members see from here on: nothing before it is unread for them. */
    static ConversationView added(ConversationView view, MembersAdded added) {
        Map<String, Long> joined = new HashMap<>(view.joinedAt() == null ? Map.of() : view.joinedAt());
        Map<String, Long> left = new HashMap<>(view.leftAt() == null ? Map.of() : view.leftAt());
        Map<String, Long> unread = new HashMap<>(view.unread());
        Map<String, Long> readUpTo = new HashMap<>(view.readUpTo());
        for (String member : added.userIds()) {
            joined.put(member, added.version());
            left.remove(member);
            unread.put(member, 0L);
            readUpTo.put(member, added.version());
        }
        return with(view, added.version()).members(added.participants(), view.admins(), joined, left)
                .unread(unread).readUpTo(readUpTo).build();
    }

    /**
     * A removed member keeps what they saw until here (among the most recent {@link ConversationView#MAX_FORMER_MEMBERS}
     * to leave); their unread count, read position and consent to share their presence go.
     */
    static ConversationView removed(ConversationView view, MemberRemoved removed) {
        Map<String, Long> left = new HashMap<>(view.leftAt() == null ? Map.of() : view.leftAt());
        left.put(removed.userId(), removed.version());
        while (left.size() > ConversationView.MAX_FORMER_MEMBERS) {
            left.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).ifPresent(left::remove);
        }
        Map<String, Long> unread = new HashMap<>(view.unread());
        unread.remove(removed.userId());
        Map<String, Long> readUpTo = new HashMap<>(view.readUpTo());
        readUpTo.remove(removed.userId());
        List<String> speakers = view.speakers() == null ? null
                : view.speakers().stream().filter(s -> !s.equals(removed.userId())).toList();
        return with(view, removed.version()).members(removed.participants(), removed.admins(), view.joinedAt(), left)
                .unread(unread).readUpTo(readUpTo).speakers(speakers).build();
    }

    static ConversationView renamed(ConversationView view, GroupRenamed renamed) {
        return with(view, renamed.version()).name(renamed.name()).build();
    }

    /** The preview follows an edit of the last message. */
    static ConversationView edited(ConversationView view, MessageEdited edited) {
        LastMessage last = view.lastMessage();
        Builder next = with(view, edited.version());
        if (last != null && last.messageId().equals(edited.messageId())) {
            next.last(new LastMessage(last.messageId(), last.senderId(), edited.content(), last.type(), last.version(),
                    last.sentAt(), edited.editedAt()), view.lastMessageAt());
        }
        return next.build();
    }

    /**
     * A deleted message no longer counts as unread for those who had not read it; if it was the preview, the
     * message before it ({@code previous}, looked up by the caller) is.
     */
    static ConversationView deleted(ConversationView view, MessageDeleted deleted, Optional<LastMessage> previous) {
        Map<String, Long> unread = new HashMap<>(view.unread());
        for (String member : view.participants()) {
            boolean counted = !member.equals(deleted.senderId()) && deleted.messageVersion() > view.readUpToOf(member)
                    && deleted.messageVersion() >= view.visibleFrom(member);
            if (counted) {
                unread.put(member, Math.max(0, view.unreadOf(member) - 1));
            }
        }
        Builder next = with(view, deleted.version()).unread(unread);
        LastMessage last = view.lastMessage();
        if (last != null && last.messageId().equals(deleted.messageId())) {
            next.last(previous.orElse(null), previous.map(LastMessage::sentAt).orElse(view.startedAt()));
        }
        return next.build();
    }

    /** An event that changes a message but not the conversation's view (a reaction): only the version moves. */
    static ConversationView touched(ConversationView view, ChatEvent event) {
        return with(view, event.version()).build();
    }

    /** The versions a read newly covers: after the reader's position, up to where they read. Empty if none. */
    static long[] newlyRead(ConversationView view, MessagesRead read) {
        long from = view.readUpToOf(read.readerId());
        long to = Math.min(read.upToVersion(), read.version() - 1);
        return to <= from ? new long[0] : java.util.stream.LongStream.rangeClosed(from + 1, to).toArray();
    }

    /**
     * @param fromOthersNewlyRead how many of {@link #newlyRead} are messages someone else sent (not deleted)
     */
    static ConversationView read(ConversationView view, MessagesRead read, long fromOthersNewlyRead) {
        String reader = read.readerId();
        Map<String, Long> unread = new HashMap<>(view.unread());
        unread.put(reader, Math.max(0, view.unreadOf(reader) - fromOthersNewlyRead));
        Map<String, Long> readUpTo = new HashMap<>(view.readUpTo());
        // A read never moves a position backwards.
        readUpTo.put(reader, Math.max(view.readUpToOf(reader), Math.min(read.upToVersion(), read.version() - 1)));
        return with(view, read.version()).unread(unread).readUpTo(readUpTo).build();
    }

    private static Map<String, Long> zeros(List<String> participants) {
        Map<String, Long> zero = new HashMap<>();
        participants.forEach(p -> zero.put(p, 0L));
        return zero;
    }

    private static List<String> concat(List<String> list, String one) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(one);
        return all;
    }

    private static Builder with(ConversationView view, long version) {
        return new Builder(view, version);
    }

    /** A view changed in a few fields: the rest is carried over. */
    private static final class Builder {
        private final ConversationView view;
        private final long version;
        private List<String> participants;
        private LastMessage last;
        private Instant lastAt;
        private Map<String, Long> unread;
        private Map<String, Long> readUpTo;
        private String name;
        private List<String> admins;
        private Map<String, Long> joinedAt;
        private Map<String, Long> leftAt;
        private List<String> speakers;

        Builder(ConversationView view, long version) {
            this.view = view;
            this.version = version;
            participants = view.participants();
            last = view.lastMessage();
            lastAt = view.lastMessageAt();
            unread = view.unread();
            readUpTo = view.readUpTo();
            name = view.name();
            admins = view.admins();
            joinedAt = view.joinedAt();
            leftAt = view.leftAt();
            speakers = view.speakers();
        }

        Builder speakers(List<String> value) {
            speakers = value;
            return this;
        }

        Builder last(LastMessage message, Instant at) {
            last = message;
            lastAt = at;
            return this;
        }

        Builder unread(Map<String, Long> value) {
            unread = value;
            return this;
        }

        Builder readUpTo(Map<String, Long> value) {
            readUpTo = value;
            return this;
        }

        Builder name(String value) {
            name = value;
            return this;
        }

        Builder members(List<String> members, List<String> newAdmins, Map<String, Long> joined,
                Map<String, Long> left) {
            participants = members;
            admins = newAdmins;
            joinedAt = joined;
            leftAt = left;
            return this;
        }

        ConversationView build() {
            return new ConversationView(view.conversationId(), version, view.kind(), participants, view.startedAt(),
                    last, lastAt, unread, readUpTo, name, admins, joinedAt, leftAt, speakers);
        }
    }
}
