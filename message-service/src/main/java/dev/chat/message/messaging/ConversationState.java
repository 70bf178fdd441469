package dev.chat.message.messaging;

import dev.chat.contracts.BlockChanged;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationKind;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the decider needs to know about a conversation: a left fold of its events. Version 0 means
 * the conversation does not exist yet.
 *
 * @param participants      the members, in the order they joined (a group's creator first)
 * @param readUpTo          per participant, the version up to which they have read
 * @param lastMessageBy     per sender, the version of their latest message
 * @param kind              {@code direct} or {@code group}; absent in states stored before groups (direct)
 * @param name              a group's name
 * @param admins            a group's admins
 * @param joinedAt          per group member, the version at which they (last) joined: they see from there on
 * @param formerMembersLastMessage the version of the newest message by someone no longer a member: members'
 *                          entries leave {@code readUpTo} and {@code lastMessageBy} with them, so the state
 *                          holds at most one entry per current member however many come and go
 * @param blockers          in a direct conversation, who of the two blocks the other ({@link BlockDecider}): not
 *                          an event of the conversation, so it changes no version and may exist before the
 *                          conversation does; absent in states stored before blocks (none)
 */
record ConversationState(
        String conversationId,
        List<String> participants,
        long version,
        Map<String, Long> readUpTo,
        Map<String, Long> lastMessageBy,
        String kind,
        String name,
        List<String> admins,
        Map<String, Long> joinedAt,
        long formerMembersLastMessage,
        List<String> blockers) {

    ConversationState {
        participants = List.copyOf(participants);
        readUpTo = Map.copyOf(readUpTo);
        lastMessageBy = Map.copyOf(lastMessageBy);
        kind = kind == null ? ConversationKind.DIRECT : kind;
        admins = admins == null ? List.of() : List.copyOf(admins);
        joinedAt = joinedAt == null ? Map.of() : Map.copyOf(joinedAt);
        blockers = blockers == null ? List.of() : List.copyOf(blockers);
    }

    static ConversationState empty(String conversationId) {
        return new ConversationState(conversationId, List.of(), 0, Map.of(), Map.of(), null, null, List.of(), Map.of(), 0,
                List.of());
    }

    static ConversationState of(String conversationId, List<? extends ChatEvent> events) {
        return empty(conversationId).applyAll(events);
    }

    boolean exists() {
        return version > 0;
    }

    boolean isGroup() {
        return ConversationKind.isGroup(kind);
    }

    boolean hasParticipant(String userId) {
        return participants.contains(userId);
    }

    boolean isAdmin(String userId) {
        return admins.contains(userId);
    }

    /** Whether {@code userId} can see the event at {@code version}: a group member from the moment they joined. */
    boolean sees(String userId, long version) {
        return hasParticipant(userId) && version >= joinedAt.getOrDefault(userId, 0L);
    }

    /** The members who see the event at {@code version}: who is told of a change to the message sent there. */
    List<String> seeing(long version) {
        return participants.stream().filter(member -> sees(member, version)).toList();
    }

    long readPosition(String userId) {
        return readUpTo.getOrDefault(userId, 0L);
    }

    /** The version of the newest message someone other than {@code userId} (a member) sent; 0 if none. */
    long latestMessageNotBy(String userId) {
        return Math.max(formerMembersLastMessage, lastMessageBy.entrySet().stream()
                .filter(e -> !e.getKey().equals(userId))
                .mapToLong(Map.Entry::getValue)
                .max()
                .orElse(0L));
    }

    /** Whether {@code userId} blocks the other person of this direct conversation. */
    boolean blocks(String userId) {
        return blockers.contains(userId);
    }

    /** Whether the other person of this direct conversation blocks {@code userId}. */
    boolean isBlockedByOther(String userId) {
        return blockers.stream().anyMatch(blocker -> !blocker.equals(userId));
    }

    /** The state with these block changes taken in, in order. */
    ConversationState withBlocks(List<BlockChanged> changes) {
        ConversationState state = this;
        for (BlockChanged change : changes) {
            state = state.withBlock(change);
        }
        return state;
    }

    /** The state with {@code change} taken in (it is not an event of the conversation: the version stays). */
    ConversationState withBlock(BlockChanged change) {
        List<String> now = new ArrayList<>(blockers);
        now.remove(change.blockerId());
        if (change.blocked()) {
            now.add(change.blockerId());
        }
        return new ConversationState(conversationId, participants, version, readUpTo, lastMessageBy, kind, name, admins,
                joinedAt, formerMembersLastMessage, now);
    }

    ConversationState applyAll(List<? extends ChatEvent> events) {
        ConversationState state = this;
        for (ChatEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    ConversationState apply(ChatEvent event) {
        if (event.version() != version + 1) {
            throw new IllegalStateException("event version " + event.version() + " does not follow " + version
                    + " in " + conversationId);
        }
        long v = event.version();
        if (event instanceof ConversationStarted started) {
            return new ConversationState(conversationId, started.participants(), v, readUpTo, lastMessageBy,
                    started.kind(), null, List.of(), Map.of(), formerMembersLastMessage, blockers);
        }
        if (event instanceof GroupCreated created) {
            Map<String, Long> joined = new HashMap<>();
            created.participants().forEach(member -> joined.put(member, v));
            return new ConversationState(conversationId, created.participants(), v, readUpTo, lastMessageBy, ConversationKind.GROUP,
                    created.name(), created.admins(), joined, formerMembersLastMessage, blockers);
        }
        if (event instanceof MembersAdded added) {
            Map<String, Long> joined = new HashMap<>(joinedAt);
            added.userIds().forEach(member -> joined.put(member, v));
            return new ConversationState(conversationId, added.participants(), v, readUpTo, lastMessageBy, kind, name,
                    admins, joined, formerMembersLastMessage, blockers);
        }
        if (event instanceof MemberRemoved removed) {
            Map<String, Long> joined = new HashMap<>(joinedAt);
            joined.remove(removed.userId());
            Map<String, Long> read = new HashMap<>(readUpTo);
            read.remove(removed.userId());
            Map<String, Long> wrote = new HashMap<>(lastMessageBy);
            Long theirLast = wrote.remove(removed.userId());
            return new ConversationState(conversationId, removed.participants(), v, read, wrote, kind, name,
                    removed.admins(), joined, Math.max(formerMembersLastMessage, theirLast == null ? 0 : theirLast),
                    blockers);
        }
        if (event instanceof GroupRenamed renamed) {
            return new ConversationState(conversationId, participants, v, readUpTo, lastMessageBy, kind,
                    renamed.name(), admins, joinedAt, formerMembersLastMessage, blockers);
        }
        if (event instanceof MessageSent sent) {
            return new ConversationState(conversationId, participants, v, readUpTo,
                    with(lastMessageBy, sent.senderId(), v), kind, name, admins, joinedAt, formerMembersLastMessage,
                    blockers);
        }
        if (event instanceof MessagesRead read) {
            return new ConversationState(conversationId, participants, v,
                    with(readUpTo, read.readerId(), Math.max(readPosition(read.readerId()), read.upToVersion())),
                    lastMessageBy, kind, name, admins, joinedAt, formerMembersLastMessage, blockers);
        }
        // Edits, deletions and reactions change a message (MessageFacts), not the conversation.
        return new ConversationState(conversationId, participants, v, readUpTo, lastMessageBy, kind, name, admins,
                joinedAt, formerMembersLastMessage, blockers);
    }

    private static Map<String, Long> with(Map<String, Long> map, String key, long value) {
        Map<String, Long> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
