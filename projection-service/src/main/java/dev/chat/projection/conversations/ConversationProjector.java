package dev.chat.projection.conversations;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.servicekit.readmodels.HistoryEntry;
import dev.chat.servicekit.readmodels.MessageLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of events to the read models with a handful of round trips, however large the batch:
 * one lookup of the touched views, the fold in memory ({@link ViewFold}), one bulk write of new history,
 * one bulk update of changed history (edits, deletions, reactions: {@link HistoryChanges}), one bulk
 * compare-and-set of the views. The view's version is the checkpoint: an event at or below it
 * was applied already, so redelivery and replay change nothing. History writes come first and are
 * idempotent; the view write is last, so a crash in between repeats both.
 */
@Component
class ConversationProjector {

    /** What a batch led to: the views as now stored, and the events the fold could not apply. */
    record Result(List<ConversationView> views, List<Failure> failures) {
    }

    record Failure(ChatEvent event, RuntimeException reason) {
    }

    private static final int MAX_ATTEMPTS = 5;
    /** A deleted preview is replaced by the newest message among this many versions before it, looked up in chunks. */
    private static final int PREVIEW_CHUNK = 50;
    private static final int PREVIEW_LOOKBACK_CHUNKS = 10;

    private final ViewStore views;
    private final HistoryStore history;

    ConversationProjector(ViewStore views, HistoryStore history) {
        this.views = views;
        this.history = history;
    }

    Result project(List<ChatEvent> events) {
        Map<String, List<ChatEvent>> byConversation = new LinkedHashMap<>();
        events.forEach(e -> byConversation.computeIfAbsent(e.conversationId(), id -> new ArrayList<>()).add(e));
        Map<String, ConversationView> projected = new LinkedHashMap<>();
        List<Failure> failures = new ArrayList<>();
        Set<String> pending = new LinkedHashSet<>(byConversation.keySet());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw new IllegalStateException("conversation views keep changing under this projector: " + pending);
            }
            Map<String, ConversationView> stored = views.load(pending);
            Batch batch = new Batch();
            for (String conversationId : pending) {
                batch.fold(stored.get(conversationId), byConversation.get(conversationId),
                        attempt == 1 ? failures : new ArrayList<>());
            }
            history.write(batch.messages.values());
            history.locate(batch.locations);
            history.update(batch.updates);
            batch.reads.forEach((readAt, ids) -> history.markRead(ids, Instant.ofEpochMilli(readAt)));
            Set<String> conflicts = views.save(batch.writes);
            batch.results.forEach((id, view) -> {
                if (!conflicts.contains(id)) {
                    projected.put(id, view);
                }
            });
            pending = conflicts;
        }
        return new Result(List.copyOf(projected.values()), failures);
    }

    /** The writes one pass over the batch adds up to. */
    private final class Batch {
        final Map<String, Document> messages = new LinkedHashMap<>();
        final List<Document> locations = new ArrayList<>();
        final List<HistoryStore.Update> updates = new ArrayList<>();
        final Map<Long, Set<String>> reads = new LinkedHashMap<>();
        /** Messages this batch marks read: in a group several members read the same one; the first read marks it. */
        private final Set<String> markedRead = new java.util.HashSet<>();
        final List<ViewStore.Write> writes = new ArrayList<>();
        final Map<String, ConversationView> results = new LinkedHashMap<>();
        /** Messages inserted in this batch, as its later events left them. */
        private final Map<String, HistoryEntry> inserted = new HashMap<>();
        /** Events of this batch about messages stored before it: not in the store until the updates run. */
        private final Map<String, List<ChatEvent>> pendingChanges = new HashMap<>();

        void fold(ConversationView stored, List<ChatEvent> events, Collection<Failure> failures) {
            ConversationView view = stored;
            for (ChatEvent event : events) {
                if (view != null && event.version() <= view.version()) {
                    continue;
                }
                try {
                    view = apply(view, event);
                } catch (RuntimeException e) {
                    failures.add(new Failure(event, e));
                }
            }
            if (view == null) {
                return;
            }
            if (stored == null || view.version() > stored.version()) {
                writes.add(new ViewStore.Write(stored == null ? 0 : stored.version(), view));
            }
            results.put(view.conversationId(), view);
        }

        private ConversationView apply(ConversationView view, ChatEvent event) {
            if (event instanceof ConversationStarted started) {
                return view == null ? ViewFold.started(started) : view;
            }
            if (event instanceof GroupCreated created) {
                return view == null ? ViewFold.created(created) : view;
            }
            ConversationView current = view == null ? ViewFold.implicit(event) : view;
            if (event instanceof MessageSent sent) {
                HistoryEntry entry = HistoryEntry.of(sent);
                messages.put(entry.id(), entry.document());
                inserted.put(entry.id(), entry);
                locations.add(MessageLocation.of(sent).document());
                return ViewFold.sent(current, sent);
            }
            if (event instanceof MessagesRead read) {
                return ViewFold.read(current, read, markRead(current, read));
            }
            if (event instanceof MembersAdded added) {
                return ViewFold.added(current, added);
            }
            if (event instanceof MemberRemoved removed) {
                return ViewFold.removed(current, removed);
            }
            if (event instanceof GroupRenamed renamed) {
                return ViewFold.renamed(current, renamed);
            }
            changeHistory(event);
            if (event instanceof MessageEdited edited) {
                return ViewFold.edited(current, edited);
            }
            if (event instanceof MessageDeleted deleted) {
                return ViewFold.deleted(current, deleted, previousMessage(deleted));
            }
            return ViewFold.touched(current, event);
        }

        /** An edit, deletion or reaction: queued for the store, and known to this batch's lookups at once. */
        private void changeHistory(ChatEvent event) {
            HistoryChanges.update(event).ifPresent(update -> {
                updates.add(update);
                HistoryEntry entry = inserted.get(update.id());
                if (entry != null) {
                    inserted.put(update.id(), HistoryChanges.apply(entry, event));
                } else {
                    pendingChanges.computeIfAbsent(update.id(), id -> new ArrayList<>()).add(event);
                }
            });
        }

        /** A stored entry with this batch's changes to it applied. */
        private HistoryEntry current(HistoryEntry stored) {
            HistoryEntry entry = stored;
            for (ChatEvent change : pendingChanges.getOrDefault(stored.id(), List.of())) {
                entry = HistoryChanges.apply(entry, change);
            }
            return entry;
        }

        /** The newest message before the deleted one that is not deleted itself, to become the preview. */
        private Optional<ConversationView.LastMessage> previousMessage(MessageDeleted deleted) {
            long below = deleted.messageVersion();
            for (int chunk = 0; chunk < PREVIEW_LOOKBACK_CHUNKS && below > 1; chunk++) {
                List<Long> versions = new ArrayList<>();
                for (long v = below - 1; v >= Math.max(1, below - PREVIEW_CHUNK); v--) {
                    versions.add(v);
                }
                below = versions.get(versions.size() - 1);
                Map<Long, HistoryEntry> found = new HashMap<>();
                List<Long> toLoad = new ArrayList<>();
                for (long v : versions) {
                    HistoryEntry mine = inserted.get(HistoryEntry.id(deleted.conversationId(), v));
                    if (mine != null) {
                        found.put(v, mine);
                    } else {
                        toLoad.add(v);
                    }
                }
                history.load(deleted.conversationId(), toLoad).forEach(e -> found.put(e.version(), current(e)));
                for (long v : versions) {
                    HistoryEntry entry = found.get(v);
                    if (entry != null && !entry.deleted()) {
                        return Optional.of(new ConversationView.LastMessage(entry.messageId(), entry.senderId(),
                                entry.content(), MessageType.fromWire(entry.type()), entry.version(), entry.sentAt(),
                                entry.editedAt()));
                    }
                }
            }
            return Optional.empty();
        }

        /** Marks the messages from others that this read newly covers as read; returns how many there were. */
        private long markRead(ConversationView view, MessagesRead read) {
            long[] versions = ViewFold.newlyRead(view, read);
            if (versions.length == 0) {
                return 0;
            }
            List<HistoryStore.Entry> entries = new ArrayList<>();
            List<Long> stored = new ArrayList<>();
            for (long version : versions) {
                HistoryEntry mine = inserted.get(HistoryEntry.id(read.conversationId(), version));
                if (mine != null) {
                    entries.add(HistoryStore.Entry.of(mine));
                } else {
                    stored.add(version);
                }
            }
            if (!stored.isEmpty()) {
                history.find(read.conversationId(), stored.stream().mapToLong(Long::longValue).toArray())
                        .forEach(entry -> entries.add(deletedHere(entry)));
            }
            long fromOthers = 0;
            for (HistoryStore.Entry entry : entries) {
                if (entry.senderId().equals(read.readerId()) || entry.deleted()) {
                    // A deleted message stopped counting as unread when it was deleted.
                    continue;
                }
                fromOthers++;
                if (!entry.read() && markedRead.add(entry.id())) {
                    // Marked after the inserts, also for messages of this batch: if the batch is a repeat, its
                    // inserts find the stored copies, and those must get the mark. Already-read ones keep theirs.
                    reads.computeIfAbsent(read.readAt().toEpochMilli(), at -> new LinkedHashSet<>()).add(entry.id());
                }
            }
            return fromOthers;
        }

        private HistoryStore.Entry deletedHere(HistoryStore.Entry entry) {
            boolean deletedInBatch = pendingChanges.getOrDefault(entry.id(), List.of()).stream()
                    .anyMatch(MessageDeleted.class::isInstance);
            return deletedInBatch ? new HistoryStore.Entry(entry.id(), entry.version(), entry.senderId(), entry.read(),
                    true) : entry;
        }
    }
}
