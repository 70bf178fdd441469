package dev.chat.bench;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One open-model run at a fixed rate: fresh users in {@code pairs} direct conversations, each receiver
 * on {@code devices} connections; message k is due at {@code start + k / rate} whatever happened to the
 * ones before it, and every latency is measured from that due time. After the measured window it waits
 * for late deliveries, then judges every device's deliveries by version.
 */
final class LoadRun {

    private final BenchOptions options;
    private final HttpClient http;
    private final HttpClient sockets;
    private final ProcessCpu cpu;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
    private final String prefix = run + "-";
    private final Latencies ackLatency = new Latencies();
    private final Latencies deliveryLatency = new Latencies();
    /** From a refused send's scheduled time to its refusal: how fast the platform says no. */
    private final Latencies refusalLatency = new Latencies();
    private final AtomicLong acksInWindow = new AtomicLong();
    private final AtomicLong deliveriesInWindow = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong otherErrors = new AtomicLong();
    private final Problems problems = new Problems();
    private final List<Pair> pairs = new ArrayList<>();
    private long[] due;
    private int warmupCount;
    private OfflineAudience audience;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    /** One conversation: who sends, who receives on which devices, and what happened to each message. */
    private final class Pair {
        final int index;
        final String sender;
        final String receiver;
        final List<DeliveryLedger> devices = new ArrayList<>();
        final BitSet refused = new BitSet();
        final BitSet acked = new BitSet();
        /** Its receiver is not connected (the offline share): notified by push and email, not measured. */
        final boolean offline;
        volatile int sent;
        Device sendingDevice;

        Pair(int index) {
            this.index = index;
            this.sender = "b" + run + "s" + index;
            this.receiver = "b" + run + "r" + index;
            this.offline = index < Math.round(options.pairs() * options.offlineShare());
        }
    }

    LoadRun(BenchOptions options, HttpClient http, HttpClient sockets, ProcessCpu cpu) {
        this.options = options;
        this.http = http;
        this.sockets = sockets;
        this.cpu = cpu;
    }

    RunResult execute() {
        for (int i = 0; i < options.pairs(); i++) {
            pairs.add(new Pair(i));
        }
        List<String> users = new ArrayList<>();
        pairs.forEach(p -> {
            users.add(p.sender);
            users.add(p.receiver);
        });
        Map<String, String> tokens = new Tokens(http, options.gateway(), options.jwtSecret()).forUsers(users);
        if (options.offlineShare() > 0) {
            audience = new OfflineAudience(http, options.gateway());
            pairs.stream().filter(p -> p.offline).forEach(p -> audience.enrol(p.receiver, tokens.get(p.receiver)));
        }
        List<Device> devices = connect(tokens);
        try {
            return measure();
        } finally {
            devices.forEach(Device::close);
            if (audience != null) {
                System.out.print(audience.text());
                audience.close();
            }
        }
    }

    private List<Device> connect(Map<String, String> tokens) {
        List<CompletableFuture<Device>> connecting = new ArrayList<>();
        Semaphore parallel = new Semaphore(32);
        for (Pair pair : pairs) {
            if (options.protocol().equals("rest")) {
                pair.sendingDevice = new RestSender(http, options.gateway(), tokens.get(pair.sender), senderInbox(pair));
            } else {
                connecting.add(limited(parallel, device(pair.sender, tokens.get(pair.sender), senderInbox(pair)))
                        .thenApply(device -> pair.sendingDevice = device));
            }
            for (int d = 0; d < (pair.offline ? 0 : options.devices()); d++) {
                DeliveryLedger ledger = new DeliveryLedger();
                pair.devices.add(ledger);
                connecting.add(limited(parallel, device(pair.receiver, tokens.get(pair.receiver),
                        receiverInbox(pair, ledger))));
            }
        }
        List<Device> devices = new ArrayList<>();
        for (CompletableFuture<Device> future : connecting) {
            devices.add(future.orTimeout(60, TimeUnit.SECONDS).join());
        }
        return devices;
    }

    /** A device of the run's protocol; with REST sends, devices receive over /ws. */
    private CompletableFuture<Device> device(String user, String token, Device.Inbox inbox) {
        return switch (options.protocol()) {
            case "rsocket" -> RSocketDevice.connect(options.gateway().getHost(), options.rsocketPort(), token, inbox)
                    .thenApply(Device.class::cast);
            case "socketio" -> SocketIoDevice.connect(sockets, options.gateway(), user, token, inbox)
                    .thenApply(Device.class::cast);
            case "socketio-polling" -> SocketIoDevice.connectPolling(sockets, options.gateway(), user, token, inbox)
                    .thenApply(Device.class::cast);
            default -> WsDevice.connect(sockets, options.gateway(), token, inbox).thenApply(Device.class::cast);
        };
    }

    private static <T> CompletableFuture<T> limited(Semaphore parallel, CompletableFuture<T> future) {
        parallel.acquireUninterruptibly();
        return future.whenComplete((device, e) -> parallel.release());
    }

    private Device.Inbox senderInbox(Pair pair) {
        return (frame, arrived) -> {
            int seq = seqOf(frame.clientMessageId());
            if (seq < 0) {
                if (frame.event().equals("error")) {
                    otherErrors.incrementAndGet();
                    problems.note("error", frame);
                }
                return;
            }
            long k = (long) seq * options.pairs() + pair.index;
            if (frame.event().equals("messageSent")) {
                boolean first;
                synchronized (pair.acked) {
                    first = !pair.acked.get(seq);
                    pair.acked.set(seq);
                }
                if (first && k >= warmupCount) {
                    ackLatency.record(due[(int) k], arrived);
                    if (arrived >= windowStart && arrived < windowEnd) {
                        acksInWindow.incrementAndGet();
                    }
                }
            } else if (frame.event().equals("messageError")) {
                boolean first;
                synchronized (pair.refused) {
                    first = !pair.refused.get(seq);
                    pair.refused.set(seq);
                }
                if (first && k >= warmupCount) {
                    refusalLatency.record(due[(int) k], arrived);
                }
                refusals.incrementAndGet();
                problems.note("refused", frame);
            }
        };
    }

    private Device.Inbox receiverInbox(Pair pair, DeliveryLedger ledger) {
        return (frame, arrived) -> {
            if (!frame.event().equals("newMessage")) {
                if (frame.event().equals("error")) {
                    otherErrors.incrementAndGet();
                    problems.note("error", frame);
                }
                return;
            }
            int seq = seqOf(frame.clientMessageId());
            if (seq < 0) {
                return;
            }
            long k = (long) seq * options.pairs() + pair.index;
            if (ledger.delivered(seq, frame.version()) && k >= warmupCount) {
                deliveryLatency.record(due[(int) k], arrived);
                if (arrived >= windowStart && arrived < windowEnd) {
                    deliveriesInWindow.incrementAndGet();
                }
            }
        };
    }

    /** The sender's sequence number from a clientMessageId {@code <run>-<seq>}; -1 if not this run's. */
    private int seqOf(String clientMessageId) {
        if (clientMessageId == null || !clientMessageId.startsWith(prefix)) {
            return -1;
        }
        long k = Long.parseLong(clientMessageId.substring(prefix.length()));
        return (int) (k / options.pairs());
    }

    private RunResult measure() {
        int rate = options.rate();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        Timetable timetable = Timetable.of(options.warmup(), options.warmupFrom(), options.duration(), rate);
        warmupCount = timetable.warmupCount();
        due = timetable.due();
        int total = due.length;
        for (int k = 0; k < total; k++) {
            due[k] += start;
        }
        windowStart = start + options.warmup().toNanos();
        windowEnd = windowStart + options.duration().toNanos();
        String content = content(options.contentBytes());
        Instant startedAt = Instant.now();
        ProcessCpu.Snapshot before = null;
        long sentInWindow = 0;
        for (int k = 0; k < total; k++) {
            if (k == warmupCount) {
                before = cpu.snapshot();
            }
            Timetable.waitUntil(due[k]);
            Pair pair = pairs.get(k % options.pairs());
            pair.sent = k / options.pairs() + 1;
            pair.sendingDevice.send(pair.receiver, prefix + k, content);
            if (pair.offline && k >= warmupCount) {
                audience.sent(pair.receiver, due[k]);
            }
            // Every send scheduled in the window is measured, even one that went out late (a stalled generator or
            // platform): its delivery is measured from its due time, so it is counted as sent too.
            if (k >= warmupCount) {
                sentInWindow++;
            }
        }
        if (before == null) {
            before = cpu.snapshot();
        }
        Timetable.waitUntil(windowEnd);
        ProcessCpu.Usage usage = ProcessCpu.between(before, cpu.snapshot());
        long deliveriesAtWindowEnd = deliveriesInWindow.get();
        long acksAtWindowEnd = acksInWindow.get();
        drain();

        int lost = 0;
        int duplicated = 0;
        int reordered = 0;
        int unacked = 0;
        for (Pair pair : pairs) {
            synchronized (pair.refused) {
                for (DeliveryLedger ledger : pair.devices) {
                    lost += ledger.lost(pair.sent, pair.refused);
                    duplicated += ledger.duplicated();
                    reordered += ledger.reordered();
                }
                synchronized (pair.acked) {
                    for (int seq = 0; seq < pair.sent; seq++) {
                        if (!pair.acked.get(seq) && !pair.refused.get(seq)) {
                            unacked++;
                        }
                    }
                }
            }
        }
        double window = options.duration().toMillis() / 1000.0;
        return new RunResult(options.mode(), options.protocol(), options.pairs(), options.devices(), rate,
                options.contentBytes(), window, startedAt.toString(), sentInWindow, sentInWindow / window,
                acksAtWindowEnd / window, deliveriesAtWindowEnd / window / options.devices(),
                ackLatency.summary(), deliveryLatency.summary(), refusalLatency.summary(), lost, duplicated, reordered,
                (int) refusals.get(),
                unacked, (int) otherErrors.get(), problems.top(5), cpu.found() ? usage : null,
                cpu.found() ? usage.msPerMessage(sentInWindow) : null);
    }

    /** Waits (bounded) until every message not refused has reached every device and been acknowledged. */
    private void drain() {
        long deadline = System.nanoTime() + options.drain().toNanos();
        while (System.nanoTime() < deadline && !allDelivered()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private boolean allDelivered() {
        for (Pair pair : pairs) {
            synchronized (pair.refused) {
                for (DeliveryLedger ledger : pair.devices) {
                    if (ledger.lost(pair.sent, pair.refused) > 0) {
                        return false;
                    }
                }
                synchronized (pair.acked) {
                    if (pair.acked.cardinality() + pair.refused.cardinality() < pair.sent) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static String content(int bytes) {
        StringBuilder text = new StringBuilder("benchmark message ");
        while (text.length() < bytes) {
            text.append((char) ('a' + text.length() % 26));
        }
        return text.substring(0, bytes);
    }
}
