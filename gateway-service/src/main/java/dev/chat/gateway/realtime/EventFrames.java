package dev.chat.gateway.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.ReactionAdded;
import dev.chat.contracts.ReactionRemoved;
import dev.chat.gateway.wire.WireMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * What an event of {@code chat.events.v1} becomes on a session, decided here only: who gets it ({@link #audience}),
 * the frame's name for each of them ({@link #name}) and its data ({@link #data}, the same for everyone, so
 * {@link LoggedEvent} encodes it once). A message is {@code newMessage} — or {@code messageSent} on the sender's
 * device awaiting its acknowledgement; someone else's read is {@code messagesRead}; the changes after the fact are
 * {@code messageEdited}, {@code messageDeleted}, {@code reactionsUpdated} and {@code membersChanged}. Every other
 * server frame is made by {@link Frames}.
 */
final class EventFrames {

    private EventFrames() {
    }

    /** {@code messagesRead}: someone else read the conversation up to a version. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"conversationId", "userId", "upToVersion", "readAt"})
    record Receipt(String conversationId, String userId, long upToVersion, String readAt) {
        static Receipt of(MessagesRead read) {
            return new Receipt(read.conversationId(), read.readerId(), read.upToVersion(), read.readAt().toString());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"conversationId", "messageId", "content", "editedAt", "version"})
    record Edited(String conversationId, String messageId, String content, String editedAt, long version) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"conversationId", "messageId", "deletedBy", "deletedAt", "version"})
    record Deleted(String conversationId, String messageId, String deletedBy, String deletedAt, long version) {
    }

    /** One user's reaction added or taken back: clients adjust the message's counts. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"conversationId", "messageId", "userId", "emoji", "added", "version"})
    record Reaction(String conversationId, String messageId, String userId, String emoji, boolean added, long version) {
    }

    /**
     * A group's membership or name changed.
     *
     * @param change  {@code created}, {@code added}, {@code removed} (removed or left) or {@code renamed}
     * @param userIds who joined or left ({@code created}: every member)
     * @param members the members afterwards
     * @param admins  the admins afterwards, when the event says (creation, removal)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"conversationId", "change", "by", "userIds", "members", "admins", "name", "version"})
    record MembersChanged(String conversationId, String change, String by, List<String> userIds, List<String> members,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> admins,
            @JsonInclude(JsonInclude.Include.NON_NULL) String name, long version) {
    }

    /**
     * The frame's name for {@code viewer}, or null if they are not shown the event (their own read, a kind of event
     * no client is told of).
     *
     * @param acknowledging the event is the viewer's own send that this device awaits the acknowledgement of
     */
    static String name(ChatEvent event, String viewer, boolean acknowledging) {
        if (event instanceof MessageSent) {
            return acknowledging ? "messageSent" : "newMessage";
        }
        if (event instanceof MessagesRead read) {
            return read.readerId().equals(viewer) ? null : "messagesRead";
        }
        if (event instanceof MessageEdited) {
            return "messageEdited";
        }
        if (event instanceof MessageDeleted) {
            return "messageDeleted";
        }
        if (event instanceof ReactionAdded || event instanceof ReactionRemoved) {
            return "reactionsUpdated";
        }
        if (event instanceof GroupCreated || event instanceof MembersAdded || event instanceof MemberRemoved
                || event instanceof GroupRenamed) {
            return "membersChanged";
        }
        return null;
    }

    /** The frame's data, whoever gets it; null for an event no client is told of. */
    static Frame.Json data(ChatEvent event) {
        Object data = dataOf(event);
        return data == null ? null : Frame.Json.of(data);
    }

    private static Object dataOf(ChatEvent event) {
        if (event instanceof MessageSent sent) {
            return WireMessage.of(sent);
        }
        if (event instanceof MessagesRead read) {
            return Receipt.of(read);
        }
        String id = event.conversationId();
        long v = event.version();
        if (event instanceof MessageEdited e) {
            return new Edited(id, e.messageId(), e.content(), e.editedAt().toString(), v);
        }
        if (event instanceof MessageDeleted e) {
            return new Deleted(id, e.messageId(), e.deletedBy(), e.deletedAt().toString(), v);
        }
        if (event instanceof ReactionAdded e) {
            return new Reaction(id, e.messageId(), e.userId(), e.emoji(), true, v);
        }
        if (event instanceof ReactionRemoved e) {
            return new Reaction(id, e.messageId(), e.userId(), e.emoji(), false, v);
        }
        if (event instanceof GroupCreated e) {
            return new MembersChanged(id, "created", e.createdBy(), e.participants(), e.participants(), e.admins(),
                    e.name(), v);
        }
        if (event instanceof MembersAdded e) {
            return new MembersChanged(id, "added", e.addedBy(), e.userIds(), e.participants(), null, null, v);
        }
        if (event instanceof MemberRemoved e) {
            return new MembersChanged(id, "removed", e.removedBy(), List.of(e.userId()), e.participants(), e.admins(),
                    null, v);
        }
        if (event instanceof GroupRenamed e) {
            return new MembersChanged(id, "renamed", e.renamedBy(), List.of(), e.participants(), null, e.name(), v);
        }
        return null;
    }

    /** Who an event of the log goes to: its participants, and a removed member about their own removal. */
    static List<String> audience(ChatEvent event) {
        if (event instanceof MemberRemoved removed) {
            List<String> all = new ArrayList<>(removed.participants());
            all.add(removed.userId());
            return all;
        }
        return event.participants();
    }
}
