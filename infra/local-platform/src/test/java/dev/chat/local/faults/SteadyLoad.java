package dev.chat.local.faults;

import dev.chat.contracts.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A steady send load over {@code /ws} that a demanding client would keep up through any fault: fresh
 * users in direct conversations, each sender sending at a fixed rate, each message re-sent under its
 * clientMessageId until the platform acknowledges it (after a retryable {@code messageError}, after a
 * resume, or when no answer came for a while). Senders and receivers are spread over the gateways and
 * move to another one when theirs goes away.
 */
public final class SteadyLoad implements AutoCloseable {

    /** How long a send may stay unanswered before it goes out again (the gateway answers within 5 s). */
    private static final long RESEND_AFTER_NANOS = TimeUnit.SECONDS.toNanos(7);

    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "steady-load");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Conversation> conversations = new ArrayList<>();
    private final List<ResilientDevice> devices = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final List<java.util.concurrent.ScheduledFuture<?>> ticking = new ArrayList<>();

    /**
     * Connects {@code pairs} senders and receivers, alternating over the gateways.
     *
     * @param tokens a token for a user id
     */
    public SteadyLoad(int pairs, List<URI> gateways, Function<String, String> tokens) {
        for (int i = 0; i < pairs; i++) {
            Conversation conversation = new Conversation("f" + run + "s" + i, "f" + run + "r" + i, problems::add);
            conversations.add(conversation);
            devices.add(new ResilientDevice(conversation.senderId, tokens.apply(conversation.senderId), gateways, i,
                    http, scheduler, senderListener(conversation)).connect());
            devices.add(new ResilientDevice(conversation.receiverId, tokens.apply(conversation.receiverId), gateways,
                    i + 1, http, scheduler, receiverListener(conversation)).connect());
        }
    }

    public boolean connected() {
        return devices.stream().allMatch(ResilientDevice::isReady);
    }

    /** Each sender sends {@code perSecond} messages a second, from now until {@link #stopSending()}. */
    public void startSending(double perSecond) {
        long period = Math.round(TimeUnit.SECONDS.toNanos(1) / perSecond);
        for (int i = 0; i < conversations.size(); i++) {
            Conversation conversation = conversations.get(i);
            ResilientDevice sender = devices.get(2 * i);
            long offset = period * i / conversations.size();
            ticking.add(scheduler.scheduleAtFixedRate(() -> sendNext(conversation, sender), offset, period,
                    TimeUnit.NANOSECONDS));
        }
        ticking.add(scheduler.scheduleWithFixedDelay(this::resendOverdue, 500, 500, TimeUnit.MILLISECONDS));
    }

    public void stopSending() {
        // The re-send sweep keeps running: what is unacknowledged still goes out until it is.
        ticking.stream().limit(conversations.size()).forEach(f -> f.cancel(false));
    }

    private void sendNext(Conversation conversation, ResilientDevice sender) {
        Conversation.Outgoing message = conversation.next(conversation.senderId + "-" + conversation.sent(), System.nanoTime());
        send(conversation, sender, message);
    }

    private void send(Conversation conversation, ResilientDevice sender, Conversation.Outgoing message) {
        String frame = ChatJson.mapper().writeValueAsString(Map.of("event", "sendMessage", "data", Map.of(
                "receiverId", conversation.receiverId,
                "content", "steady " + message.seq,
                "clientMessageId", message.clientMessageId)));
        if (sender.sendWhenReady(frame)) {
            message.lastSentNanos = System.nanoTime();
            message.attempts++;
        }
    }

    /** Sends again, in order, what went out long ago (or never) without an answer. */
    private void resendOverdue() {
        long now = System.nanoTime();
        for (int i = 0; i < conversations.size(); i++) {
            Conversation conversation = conversations.get(i);
            for (Conversation.Outgoing message : conversation.unacknowledged()) {
                if (message.attempts == 0 || now - message.lastSentNanos > RESEND_AFTER_NANOS) {
                    send(conversation, devices.get(2 * i), message);
                }
            }
        }
    }

    private ResilientDevice.Listener senderListener(Conversation conversation) {
        return new ResilientDevice.Listener() {
            @Override
            public void ready(ResilientDevice device) {
                // A new stream: what was in flight on the old one goes out again (the platform dedupes).
                conversation.unacknowledged().forEach(message -> send(conversation, device, message));
            }

            @Override
            public void frame(ResilientDevice device, JsonNode frame) {
                JsonNode data = frame.path("data");
                switch (frame.path("event").asString()) {
                    case "messageSent" -> acknowledged(conversation, data);
                    // Our own message, sent from a session that has since gone.
                    case "newMessage" -> acknowledged(conversation, data);
                    case "messageError" -> {
                        if (data.path("retryable").asBoolean()) {
                            conversation.unacknowledged().stream()
                                    .filter(m -> m.clientMessageId.equals(data.path("clientMessageId").asString()))
                                    .forEach(m -> m.lastSentNanos = 0);
                        } else {
                            problems.add(device.userId() + " refused: " + data);
                        }
                    }
                    case "reload" -> problems.add(device.userId() + " got " + frame);
                    // Not about one message (the gateway could not take the frame): the sweep sends again.
                    case "error" -> errors.add(device.userId() + " got " + frame);
                    default -> {
                    }
                }
            }
        };
    }

    private static void acknowledged(Conversation conversation, JsonNode data) {
        conversation.acknowledged(data.path("clientMessageId").asString(), data.path("conversation").asString(),
                data.path("_id").asString(), data.path("version").asLong());
    }

    private ResilientDevice.Listener receiverListener(Conversation conversation) {
        return new ResilientDevice.Listener() {
            @Override
            public void ready(ResilientDevice device) {
            }

            @Override
            public void frame(ResilientDevice device, JsonNode frame) {
                switch (frame.path("event").asString()) {
                    case "newMessage" -> conversation.delivered(frame.at("/data/version").asLong());
                    case "reload", "error" -> problems.add(device.userId() + " got " + frame);
                    default -> {
                    }
                }
            }
        };
    }

    public List<Conversation> conversations() {
        return List.copyOf(conversations);
    }

    /** Everything a client reported that should never happen: refusals, reloads, duplicates, reorderings. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Every conversation got over the fault that began at {@code since} (a {@link System#nanoTime()}). */
    /** {@code error} frames senders got: not about one message, so not a loss, but worth reporting. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    public boolean recoveredFrom(long since) {
        return conversations.stream().allMatch(c -> c.recoveredFrom(since));
    }

    /** What holds each conversation back, in words: for a test that waited too long. */
    public List<String> stuck() {
        return conversations.stream().flatMap(c -> c.firstStuck().stream()).toList();
    }

    public boolean settled() {
        return conversations.stream().allMatch(Conversation::settled);
    }

    public int sent() {
        return conversations.stream().mapToInt(Conversation::sent).sum();
    }

    public int resent() {
        return conversations.stream().mapToInt(Conversation::resent).sum();
    }

    /** Streams started beyond the first of each device: the resumes after drops. */
    public int resumes() {
        return devices.stream().mapToInt(d -> Math.max(0, d.streams() - 1)).sum();
    }

    @Override
    public void close() {
        devices.forEach(ResilientDevice::close);
        scheduler.shutdownNow();
    }
}
