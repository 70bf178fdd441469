package dev.chat.examples.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Time to first read: per conversation (the stream's key), the messages nobody but their sender has read yet;
 * when someone else reads up to or past one, the time since it was sent goes out, once, keyed by the day of the
 * read. Keeps at most {@link #MAX_PENDING} unread messages per conversation (the oldest are forgotten), so a
 * conversation nobody reads cannot grow without bound.
 *
 * <p>Idempotent on replays: the platform's versions are contiguous per conversation, and a message already
 * counted or older than the last one seen is skipped.
 */
final class FirstReads implements Processor<String, ChatRecord, String, Long> {

    static final int MAX_PENDING = 1000;

    /** A conversation's unread messages, and the last version applied to them. */
    record Pending(long lastVersion, List<Unread> messages) {
    }

    record Unread(long version, String senderId, Instant sentAt) {
    }

    private final String storeName;
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, Pending> store;

    FirstReads(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ChatRecord> record) {
        ChatRecord event = record.value();
        Pending pending = store.get(record.key());
        if (pending == null) {
            pending = new Pending(0, List.of());
        }
        long version = event.number("version");
        if (version <= pending.lastVersion()) {
            return;
        }
        List<Unread> messages = new ArrayList<>(pending.messages());
        if (event.type().equals(ChatRecord.MESSAGE_SENT)) {
            messages.add(new Unread(version, event.text("senderId"), event.instant("sentAt")));
            if (messages.size() > MAX_PENDING) {
                messages.remove(0);
            }
        } else {
            String reader = event.text("readerId");
            long upTo = event.number("upToVersion");
            Instant readAt = event.instant("readAt");
            messages.removeIf(message -> {
                boolean firstRead = message.version() <= upTo && !message.senderId().equals(reader);
                if (firstRead) {
                    long seconds = Duration.between(message.sentAt(), readAt).toSeconds();
                    context.forward(new Record<>(AnalyticsTopology.day(readAt), seconds, record.timestamp()));
                }
                return firstRead;
            });
        }
        store.put(record.key(), new Pending(version, messages));
    }
}
