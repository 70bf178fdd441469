package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import dev.chat.gateway.wire.WireMessage;

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

    /** The data of the frame this event becomes (a message, a read receipt, a change); null for other events. */
    Frame.Json data() {
        Frame.Json encoded = data;
        if (encoded == null) {
            if (event instanceof MessageSent sent) {
                encoded = Frames.message(WireMessage.of(sent));
            } else if (event instanceof MessagesRead read) {
                encoded = Frames.receipt(read);
            } else if (ChangeFrames.data(event) != null) {
                encoded = Frame.Json.of(ChangeFrames.data(event));
            }
            data = encoded;
        }
        return encoded;
    }
}
