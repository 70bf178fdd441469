package dev.chat.message.messaging;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.ReactionAdded;
import dev.chat.contracts.ReactionRemoved;
import dev.chat.contracts.ReplyPreview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the decider needs to know about one message to judge an edit, a deletion, a reaction or a reply:
 * a fold of the events about it, kept per message (store {@link DecisionTopology#MESSAGES}).
 *
 * @param preview    the start of its current content, quoted by replies ({@link ReplyPreview#of})
 * @param reactions  per user, the emojis they reacted with, in the order they added them
 * @param reportedBy the members who reported it to moderation (each once); absent in facts stored before reports
 */
record MessageFacts(
        String messageId,
        String senderId,
        long version,
        Instant sentAt,
        String preview,
        boolean hasAttachments,
        boolean deleted,
        Map<String, List<String>> reactions,
        List<String> reportedBy) {

    MessageFacts {
        reactions = reactions == null ? Map.of() : Map.copyOf(reactions);
        reportedBy = reportedBy == null ? List.of() : List.copyOf(reportedBy);
    }

    static MessageFacts of(MessageSent sent) {
        return new MessageFacts(sent.messageId(), sent.senderId(), sent.version(), sent.sentAt(),
                ReplyPreview.of(sent.content()), !sent.attachments().isEmpty(), false, Map.of(), List.of());
    }

    /** The message an event is about: the one it sends, edits, deletes or reacts to. */
    static Optional<String> messageIdOf(ChatEvent event) {
        if (event instanceof MessageSent sent) {
            return Optional.of(sent.messageId());
        }
        if (event instanceof MessageEdited edited) {
            return Optional.of(edited.messageId());
        }
        if (event instanceof MessageDeleted deleted) {
            return Optional.of(deleted.messageId());
        }
        if (event instanceof ReactionAdded added) {
            return Optional.of(added.messageId());
        }
        if (event instanceof ReactionRemoved removed) {
            return Optional.of(removed.messageId());
        }
        return Optional.empty();
    }

    /** These facts after an event about this message. */
    MessageFacts apply(ChatEvent event) {
        if (event instanceof MessageEdited edited) {
            return new MessageFacts(messageId, senderId, version, sentAt, ReplyPreview.of(edited.content()),
                    hasAttachments, deleted, reactions, reportedBy);
        }
        if (event instanceof MessageDeleted) {
            // A tombstone: no content to quote, no reactions left.
            return new MessageFacts(messageId, senderId, version, sentAt, "", hasAttachments, true, Map.of(),
                    reportedBy);
        }
        if (event instanceof ReactionAdded added) {
            return withReactions(added.userId(), added.emoji(), true);
        }
        if (event instanceof ReactionRemoved removed) {
            return withReactions(removed.userId(), removed.emoji(), false);
        }
        return this;
    }

    boolean hasReaction(String emoji) {
        return reactions.values().stream().anyMatch(emojis -> emojis.contains(emoji));
    }

    long distinctReactions() {
        return reactions.values().stream().flatMap(List::stream).distinct().count();
    }

    int reactionCount() {
        return reactions.values().stream().mapToInt(List::size).sum();
    }

    List<String> reactionsBy(String userId) {
        return reactions.getOrDefault(userId, List.of());
    }

    private MessageFacts withReactions(String userId, String emoji, boolean add) {
        Map<String, List<String>> changed = new HashMap<>(reactions);
        List<String> mine = new ArrayList<>(reactionsBy(userId));
        mine.remove(emoji);
        if (add) {
            mine.add(emoji);
        }
        if (mine.isEmpty()) {
            changed.remove(userId);
        } else {
            changed.put(userId, mine);
        }
        return new MessageFacts(messageId, senderId, version, sentAt, preview, hasAttachments, deleted, changed,
                reportedBy);
    }

    /** These facts once {@code reporterId}'s report of the message is published. */
    MessageFacts reportedBy(String reporterId) {
        List<String> reporters = new ArrayList<>(reportedBy);
        reporters.add(reporterId);
        return new MessageFacts(messageId, senderId, version, sentAt, preview, hasAttachments, deleted, reactions,
                reporters);
    }
}
