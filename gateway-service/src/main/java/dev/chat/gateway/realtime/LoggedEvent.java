package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import dev.chat.gateway.messaging.ApiMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record of chat.events.v1 as sessions receive it: decoded once, and its frame data encoded once
 * however many sessions it goes to.
 */
final class LoggedEvent {

    private final int partition;
    private final long offset;
    private final ChatEvent event;
    private volatile Frame.Json data;

    LoggedEvent(int partition, long offset, ChatEvent event) {
        this.partition = partition;
        this.offset = offset;
        this.event = event;
    }

    int partition() {
        return partition;
    }

    long offset() {
        return offset;
    }

    ChatEvent event() {
        return event;
    }

    /** The data of the frame this event becomes (a message, or a read receipt); null for other events. */
    Frame.Json data() {
        Frame.Json encoded = data;
        if (encoded == null && (event instanceof MessageSent || event instanceof MessagesRead)) {
            encoded = Frame.Json.of(event instanceof MessageSent sent ? ApiMessage.of(sent, false, null)
                    : receipt((MessagesRead) event));
            data = encoded;
        }
        return encoded;
    }

    private static Map<String, Object> receipt(MessagesRead read) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversationId", read.conversationId());
        data.put("userId", read.readerId());
        data.put("upToVersion", read.upToVersion());
        data.put("readAt", read.readAt().toString());
        return data;
    }
}
