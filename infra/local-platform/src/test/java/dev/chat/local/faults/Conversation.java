package dev.chat.local.faults;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One direct conversation of the steady load, as its two clients saw it: what the sender sent (each
 * message under its own clientMessageId, re-sent under the same id until acknowledged), what the platform
 * acknowledged (message id and version), and the versions the receiver got, in arrival order. Plain
 * bookkeeping: no socket, no clock of its own.
 */
public final class Conversation {

    /** One message: when it was first sent, how often, and what the platform said it stored. */
    public static final class Outgoing {
        final int seq;
        final String clientMessageId;
        final long firstSentNanos;
        volatile long lastSentNanos;
        volatile int attempts;
        volatile String messageId;
        volatile long version;

        Outgoing(int seq, String clientMessageId, long firstSentNanos) {
            this.seq = seq;
            this.clientMessageId = clientMessageId;
            this.firstSentNanos = firstSentNanos;
        }

        boolean acknowledged() {
            return messageId != null;
        }
    }

    final String senderId;
    final String receiverId;
    private final List<Outgoing> outgoing = new CopyOnWriteArrayList<>();
    private final Map<String, Outgoing> byClientId = new ConcurrentHashMap<>();
    private final List<Long> received = new ArrayList<>();
    private final Set<Long> receivedSet = new LinkedHashSet<>();
    private final Consumer<String> problems;
    private volatile String conversationId;

    Conversation(String senderId, String receiverId, Consumer<String> problems) {
        this.senderId = senderId;
        this.receiverId = receiverId;
        this.problems = problems;
    }

    public String conversationId() {
        return conversationId;
    }

    public String senderId() {
        return senderId;
    }

    public String receiverId() {
        return receiverId;
    }

    Outgoing next(String clientMessageId, long now) {
        Outgoing message = new Outgoing(outgoing.size(), clientMessageId, now);
        outgoing.add(message);
        byClientId.put(clientMessageId, message);
        return message;
    }

    List<Outgoing> unacknowledged() {
        return outgoing.stream().filter(o -> !o.acknowledged()).toList();
    }

    /** The platform stored a message of ours (an ack, a duplicate's ack, or our own message coming back). */
    void acknowledged(String clientMessageId, String conversation, String messageId, long version) {
        Outgoing message = byClientId.get(clientMessageId);
        if (message == null) {
            problems.accept(senderId + ": acknowledgement of a message never sent: " + clientMessageId);
            return;
        }
        conversationId = conversation;
        synchronized (message) {
            if (message.messageId == null) {
                message.messageId = messageId;
                message.version = version;
            } else if (!message.messageId.equals(messageId) || message.version != version) {
                problems.accept(clientMessageId + " stored twice: " + message.messageId + " v" + message.version
                        + " and " + messageId + " v" + version);
            }
        }
    }

    /** The receiver got a message of this conversation. */
    synchronized void delivered(long version) {
        if (!receivedSet.add(version)) {
            problems.accept(receiverId + " got version " + version + " twice");
        } else if (!received.isEmpty() && version < received.get(received.size() - 1)) {
            problems.accept(receiverId + " got version " + version + " after " + received.get(received.size() - 1));
        }
        received.add(version);
    }

    synchronized List<Long> receivedVersions() {
        return List.copyOf(received);
    }

    private synchronized boolean received(long version) {
        return receivedSet.contains(version);
    }

    int sent() {
        return outgoing.size();
    }

    int resent() {
        return outgoing.stream().mapToInt(o -> Math.max(0, o.attempts - 1)).sum();
    }

    List<Outgoing> messages() {
        return List.copyOf(outgoing);
    }

    /** Acknowledged, and received by the other participant. */
    boolean through(Outgoing message) {
        return message.acknowledged() && received(message.version);
    }

    /**
     * Over the fault that began at {@code since}: everything first sent before it went through, and a
     * message first sent after it did too.
     */
    boolean recoveredFrom(long since) {
        boolean newOneThrough = false;
        for (Outgoing message : outgoing) {
            boolean through = through(message);
            if (message.firstSentNanos <= since && !through) {
                return false;
            }
            newOneThrough |= message.firstSentNanos > since && through;
        }
        return newOneThrough;
    }

    /** The first message that has not gone through yet, in words; empty if none. */
    java.util.Optional<String> firstStuck() {
        return outgoing.stream().filter(m -> !through(m)).findFirst().map(m -> m.clientMessageId
                + (m.acknowledged() ? " (v" + m.version + ") not received by " + receiverId
                        : " not acknowledged after " + m.attempts + " attempts"));
    }

    /** Every message sent is acknowledged and received. */
    boolean settled() {
        return outgoing.stream().allMatch(this::through);
    }

    /** The highest version acknowledged so far. */
    public long highestAcknowledged() {
        return outgoing.stream().mapToLong(o -> o.version).max().orElse(0);
    }
}
