package dev.chat.projection.conversations;

import com.mongodb.client.model.Updates;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.ReactionAdded;
import dev.chat.contracts.ReactionRemoved;
import dev.chat.servicekit.readmodels.HistoryEntry;
import dev.chat.servicekit.readmodels.HistoryEntry.Reaction;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What an event about a stored message changes in its history entry, said twice the same way: as a
 * Mongo update (idempotent, so a repeated batch changes nothing more) and applied to an entry in memory
 * (for the lookups of the same batch). A deletion leaves a tombstone: sender and times, no content, no
 * attachments, no reactions.
 */
final class HistoryChanges {

    private HistoryChanges() {
    }

    /** The change, if the event is about a message. */
    static Optional<HistoryStore.Update> update(ChatEvent event) {
        if (event instanceof MessageEdited edited) {
            return Optional.of(new HistoryStore.Update(id(event, edited.messageVersion()), Updates.combine(
                    Updates.set(HistoryEntry.CONTENT, edited.content()),
                    Updates.set(HistoryEntry.EDITED_AT, Date.from(edited.editedAt())))));
        }
        if (event instanceof MessageDeleted deleted) {
            return Optional.of(new HistoryStore.Update(id(event, deleted.messageVersion()), Updates.combine(
                    Updates.set(HistoryEntry.DELETED, true),
                    Updates.set(HistoryEntry.DELETED_AT, Date.from(deleted.deletedAt())),
                    Updates.set(HistoryEntry.CONTENT, ""),
                    Updates.set(HistoryEntry.ATTACHMENTS, List.of()),
                    Updates.set(HistoryEntry.REACTIONS, List.of()))));
        }
        if (event instanceof ReactionAdded added) {
            return Optional.of(new HistoryStore.Update(id(event, added.messageVersion()),
                    Updates.addToSet(HistoryEntry.REACTIONS, new Reaction(added.emoji(), added.userId()).document())));
        }
        if (event instanceof ReactionRemoved removed) {
            return Optional.of(new HistoryStore.Update(id(event, removed.messageVersion()),
                    Updates.pull(HistoryEntry.REACTIONS, new Reaction(removed.emoji(), removed.userId()).document())));
        }
        return Optional.empty();
    }

    /** The entry as the update leaves it. */
    static HistoryEntry apply(HistoryEntry entry, ChatEvent event) {
        if (event instanceof MessageEdited edited) {
            return copy(entry, edited.content(), entry.attachments(), edited.editedAt(), entry.deleted(),
                    entry.deletedAt(), entry.reactions());
        }
        if (event instanceof MessageDeleted deleted) {
            return copy(entry, "", List.of(), entry.editedAt(), true, deleted.deletedAt(), List.of());
        }
        List<Reaction> reactions = new ArrayList<>(entry.reactions());
        if (event instanceof ReactionAdded added) {
            Reaction reaction = new Reaction(added.emoji(), added.userId());
            if (!reactions.contains(reaction)) {
                reactions.add(reaction);
            }
        } else if (event instanceof ReactionRemoved removed) {
            reactions.remove(new Reaction(removed.emoji(), removed.userId()));
        }
        return copy(entry, entry.content(), entry.attachments(), entry.editedAt(), entry.deleted(), entry.deletedAt(),
                reactions);
    }

    private static String id(ChatEvent event, long messageVersion) {
        return HistoryEntry.id(event.conversationId(), messageVersion);
    }

    private static HistoryEntry copy(HistoryEntry e, String content, List<dev.chat.contracts.Attachment> attachments,
            java.time.Instant editedAt, boolean deleted, java.time.Instant deletedAt, List<Reaction> reactions) {
        return new HistoryEntry(e.id(), e.messageId(), e.conversationId(), e.version(), e.senderId(), e.recipientId(),
                e.participants(), e.clientMessageId(), content, e.type(), attachments, e.sentAt(), e.read(), e.readAt(),
                editedAt, deleted, deletedAt, reactions, e.replyTo());
    }
}
