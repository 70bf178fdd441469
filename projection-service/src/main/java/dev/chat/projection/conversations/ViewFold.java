package dev.chat.projection.conversations;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import java.util.HashMap;
import java.util.Map;

/**
 * How each event changes a conversation's view: plain functions on plain data. A read needs one fact
 * from the history, how many of the messages it newly covers came from others; the caller counts them
 * and passes the number in.
 */
final class ViewFold {

    private ViewFold() {
    }

    static ConversationView started(ConversationStarted started) {
        Map<String, Long> zero = new HashMap<>();
        started.participants().forEach(p -> zero.put(p, 0L));
        return new ConversationView(started.conversationId(), started.version(), started.kind(), started.participants(),
                started.startedAt(), null, started.startedAt(), zero, zero);
    }

    /** A view for a conversation whose start never arrived (it was dead-lettered): what the event itself says. */
    static ConversationView implicit(ChatEvent event) {
        String kind = Ids.directParticipants(event.conversationId()).isEmpty() ? "group" : ConversationStarted.DIRECT;
        return started(new ConversationStarted(event.conversationId(), 0, kind, event.participants(),
                event.participants().get(0), event.occurredAt()));
    }

    static ConversationView sent(ConversationView view, MessageSent sent) {
        Map<String, Long> unread = new HashMap<>(view.unread());
        sent.participants().stream().filter(p -> !p.equals(sent.senderId()))
                .forEach(p -> unread.merge(p, 1L, Long::sum));
        return new ConversationView(view.conversationId(), sent.version(), view.kind(), view.participants(),
                view.startedAt(), new ConversationView.LastMessage(sent.messageId(), sent.senderId(), sent.content(),
                        sent.type(), sent.version(), sent.sentAt()), sent.sentAt(), unread, view.readUpTo());
    }

    /** The versions a read newly covers: after the reader's position, up to where they read. Empty if none. */
    static long[] newlyRead(ConversationView view, MessagesRead read) {
        long from = view.readUpToOf(read.readerId());
        long to = Math.min(read.upToVersion(), read.version() - 1);
        return to <= from ? new long[0] : java.util.stream.LongStream.rangeClosed(from + 1, to).toArray();
    }

    /**
     * @param fromOthersNewlyRead how many of {@link #newlyRead} are messages someone else sent
     */
    static ConversationView read(ConversationView view, MessagesRead read, long fromOthersNewlyRead) {
        String reader = read.readerId();
        Map<String, Long> unread = new HashMap<>(view.unread());
        unread.put(reader, Math.max(0, view.unreadOf(reader) - fromOthersNewlyRead));
        Map<String, Long> readUpTo = new HashMap<>(view.readUpTo());
        // A read never moves a position backwards.
        readUpTo.put(reader, Math.max(view.readUpToOf(reader), Math.min(read.upToVersion(), read.version() - 1)));
        return new ConversationView(view.conversationId(), read.version(), view.kind(), view.participants(),
                view.startedAt(), view.lastMessage(), view.lastMessageAt(), unread, readUpTo);
    }
}
