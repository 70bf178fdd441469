package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatEvent;

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

    /** The data of the frame this event becomes ({@link EventFrames#data}), encoded on first use. */
    Frame.Json data() {
        Frame.Json encoded = data;
        if (encoded == null) {
            encoded = EventFrames.data(event);
            data = encoded;
        }
        return encoded;
    }
}
