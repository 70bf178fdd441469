package dev.chat.projection.conversations;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import dev.chat.servicekit.readmodels.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of events to the read models with a handful of round trips, however large the batch:
 * one lookup of the touched views, the fold in memory ({@link ViewFold}), one bulk write of new history,
 * one bulk compare-and-set of the views. The view's version is the checkpoint: an event at or below it
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
        final Map<Long, Set<String>> reads = new LinkedHashMap<>();
        final List<ViewStore.Write> writes = new ArrayList<>();
        final Map<String, ConversationView> results = new LinkedHashMap<>();

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
            ConversationView current = view == null ? ViewFold.implicit(event) : view;
            if (event instanceof MessageSent sent) {
                HistoryEntry entry = HistoryEntry.of(sent);
                messages.put(entry.id(), entry.document());
                return ViewFold.sent(current, sent);
            }
            MessagesRead read = (MessagesRead) event;
            return ViewFold.read(current, read, markRead(current, read));
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
                Document pending = messages.get(HistoryEntry.id(read.conversationId(), version));
                if (pending != null) {
                    entries.add(new HistoryStore.Entry(pending.getString("_id"), version, pending.getString("senderId"),
                            Boolean.TRUE.equals(pending.getBoolean("isRead"))));
                } else {
                    stored.add(version);
                }
            }
            if (!stored.isEmpty()) {
                entries.addAll(history.find(read.conversationId(), stored.stream().mapToLong(Long::longValue).toArray()));
            }
            long fromOthers = 0;
            for (HistoryStore.Entry entry : entries) {
                if (entry.senderId().equals(read.readerId())) {
                    continue;
                }
                fromOthers++;
                if (!entry.read()) {
                    // Marked after the inserts, also for messages of this batch: if the batch is a repeat, its
                    // inserts find the stored copies, and those must get the mark. Already-read ones keep theirs.
                    reads.computeIfAbsent(read.readAt().toEpochMilli(), at -> new LinkedHashSet<>()).add(entry.id());
                }
            }
            return fromOthers;
        }
    }
}
