package dev.chat.gateway.realtime;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.MessageSent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One connected device of a user, whatever the protocol. Holds what makes delivery exact: per event-log
 * partition the offset of the next record to deliver (records below it were delivered or are older
 * than the session), and while the session catches up, the live records that arrive meanwhile.
 * Every method is synchronized: the event feed, the typing and presence feeds and request handlers all
 * push into one outbound queue, which must see one writer at a time.
 */
final class Session {

    private static final int REMEMBERED_SENDS = 1000;

    /** Told of each message of someone else this session writes to its device. */
    interface Receipts {
        Receipts NONE = (message, receiverId) -> {
        };

        void delivered(MessageSent message, String receiverId);
    }

    private final String id;
    private final String userId;
    private final int bufferLimit;
    private final Receipts receipts;
    private final Queue<Frame> queued;
    private final Sinks.Many<Frame> out;
    private final Sinks.One<ServerClose> closed = Sinks.one();
    private final Map<Integer, Long> positions = new HashMap<>(4);
    // Made when first needed: most sessions are idle, and an idle session should cost little.
    private List<LoggedEvent> pending;
    private Set<String> awaitingAck;
    private Map<String, Long> conversationUpdates;
    private boolean started;
    private boolean catchingUp;
    private boolean open = true;
    private ServerClose serverClose;
    /** When the client last did something here (epoch millis); opening the session counts. */
    private volatile long activeAt = System.currentTimeMillis();

    Session(String id, String userId, int bufferLimit) {
        this(id, userId, bufferLimit, Receipts.NONE);
    }

    Session(String id, String userId, int bufferLimit, Receipts receipts) {
        this.id = id;
        this.userId = userId;
        this.bufferLimit = bufferLimit;
        this.receipts = receipts;
        // A queue that grows in small chunks as frames wait, not one of bufferLimit slots per session; the bound is
        // checked on emit.
        this.queued = Queues.<Frame>unbounded(8).get();
        this.out = Sinks.many().unicast().onBackpressureBuffer(queued);
    }

    String id() {
        return id;
    }

    String userId() {
        return userId;
    }

    /** The client did something (any action but a ping): the user is active, not merely connected. */
    void touched() {
        activeAt = System.currentTimeMillis();
    }

    long activeAt() {
        return activeAt;
    }

    /** What to send to the client, in order; completes when the session closes. */
    Flux<Frame> frames() {
        return out.asFlux();
    }

    /**
     * Why the server ended the session: at once (a slow client: its queue is abandoned), or once the frames
     * queued so far are written ({@code afterFlush}: a gateway draining, whose last frame says when to reconnect).
     */
    record ServerClose(String reason, boolean afterFlush) {
    }

    /** Emits when the server closes the session (slow client, shutdown). */
    Mono<ServerClose> closedByServer() {
        return closed.asMono();
    }

    /** How the server closed the session, or null if it did not (the client went away, or it is open). */
    synchronized ServerClose serverClose() {
        return serverClose;
    }

    synchronized boolean isStarted() {
        return started;
    }

    /** From now on live records are held back until the catch-up is done. */
    synchronized void beginCatchUp(Map<Integer, Long> from) {
        started = true;
        catchingUp = true;
        positions.clear();
        positions.putAll(from);
    }

    /** A record read by the catch-up scan; true if it became a frame for the client. */
    synchronized boolean replay(LoggedEvent record) {
        return deliver(record);
    }

    /**
     * The scan has read every record below {@code scanned}: sends {@code notice} (if any) and
     * {@code ready} with the cursor and how many frames the scan sent, then the live records held back meanwhile that the scan did not
     * cover, and goes live.
     */
    synchronized void finishCatchUp(Map<Integer, Long> scanned, Frame notice, int replayed) {
        scanned.forEach((partition, offset) -> positions.merge(partition, offset, Math::max));
        if (notice != null) {
            emit(notice);
        }
        emit(Frames.ready(id, userId, replayed, cursor()));
        if (pending != null) {
            for (LoggedEvent record : pending) {
                deliver(record);
            }
            pending = null;
        }
        catchingUp = false;
    }

    /** A live record for this user from the event feed. */
    synchronized void offer(LoggedEvent record) {
        if (!started || !open) {
            return;
        }
        if (catchingUp) {
            if (pending == null) {
                pending = new ArrayList<>();
            }
            if (pending.size() >= bufferLimit * 10) {
                close("fell behind while catching up; reconnect with your last cursor");
                return;
            }
            pending.add(record);
            return;
        }
        deliver(record);
    }

    /** An ephemeral frame (typing, presence): sent only once the stream has started. */
    synchronized void push(Frame frame) {
        if (started) {
            emit(frame);
        }
    }

    /** A direct answer to something the client sent; sent even before the stream starts. */
    synchronized void reply(Frame frame) {
        emit(frame);
    }

    /** Sends a conversation's counters unless a newer state of it was already sent. */
    synchronized void pushConversationUpdate(String conversationId, long version, Frame frame) {
        if (!started) {
            return;
        }
        if (conversationUpdates == null) {
            conversationUpdates = new HashMap<>(4);
        }
        if (conversationUpdates.getOrDefault(conversationId, 0L) >= version) {
            return;
        }
        conversationUpdates.put(conversationId, version);
        emit(frame);
    }

    /** This session sent the message: its stored copy comes back as {@code messageSent}, not {@code newMessage}. */
    synchronized void expectAck(String clientMessageId) {
        if (awaitingAck == null) {
            awaitingAck = new LinkedHashSet<>();
        }
        awaitingAck.add(clientMessageId);
        if (awaitingAck.size() > REMEMBERED_SENDS) {
            awaitingAck.remove(awaitingAck.iterator().next());
        }
    }

    synchronized String cursor() {
        return Cursor.encode(positions);
    }

    synchronized void close(String reason) {
        if (!open) {
            return;
        }
        open = false;
        serverClose = new ServerClose(reason, false);
        closed.tryEmitValue(serverClose);
        out.tryEmitComplete();
    }

    /**
     * The gateway is going away: a last {@code reconnect} frame with the cursor and the delay this client should
     * wait before connecting again, then the end of the stream.
     */
    synchronized void drain(String reason, long reconnectAfterMs) {
        if (!open) {
            return;
        }
        emit(Frames.reconnect(reason, reconnectAfterMs, cursor()));
        open = false;
        serverClose = new ServerClose(reason, true);
        closed.tryEmitValue(serverClose);
        out.tryEmitComplete();
    }

    /** The client went away; nothing more is sent. */
    synchronized void disconnected() {
        open = false;
        out.tryEmitComplete();
    }

    private boolean deliver(LoggedEvent record) {
        Long next = positions.get(record.partition());
        if (next != null && record.offset() < next) {
            return false;
        }
        positions.put(record.partition(), record.offset() + 1);
        String name = frameName(record.event());
        if (name == null) {
            return false;
        }
        emit(Frames.logged(name, record.data(), Cursor.encode(positions)));
        if (open && record.event() instanceof MessageSent sent && !sent.senderId().equals(userId)) {
            receipts.delivered(sent, userId);
        }
        return true;
    }

    /** What this user sees of an event: their own send acknowledged, a new message, a receipt, a change, or nothing. */
    private String frameName(ChatEvent event) {
        boolean acknowledging = event instanceof MessageSent sent && sent.senderId().equals(userId)
                && awaitingAck != null && awaitingAck.remove(sent.clientMessageId());
        return EventFrames.name(event, userId, acknowledging);
    }

    private void emit(Frame frame) {
        if (!open) {
            return;
        }
        if (queued.size() >= bufferLimit) {
            close("too slow: more than " + bufferLimit + " frames waiting; reconnect with your last cursor");
            return;
        }
        Sinks.EmitResult result = out.tryEmitNext(frame);
        // Full: the client does not read (overflow), or its connection has not subscribed yet (zero
        // subscriber) — either way the frame cannot be queued, and dropping it silently would leave a gap.
        if (result == Sinks.EmitResult.FAIL_OVERFLOW || result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            close("too slow: more than " + bufferLimit + " frames waiting; reconnect with your last cursor");
        }
    }
}
