package dev.chat.gateway.realtime;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.CommandOutcome;
import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.Ids;
import dev.chat.contracts.IndicateTyping;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.PresenceChanged;
import dev.chat.contracts.PresenceSignal;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.SessionClosed;
import dev.chat.contracts.SessionOpened;
import dev.chat.contracts.SessionsHeartbeat;
import dev.chat.contracts.Topics;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.conversations.ConversationViews;
import dev.chat.gateway.conversations.ProjectedViews;
import dev.chat.gateway.messaging.ApiMessage;
import dev.chat.gateway.messaging.CommandBus;
import dev.chat.gateway.messaging.SendRateLimiter;
import dev.chat.gateway.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The session core both socket protocols share. It follows the event, typing and presence topics,
 * keeps this instance's sessions per user, turns what arrives into frames for the right sessions,
 * starts and resumes sessions exactly, and turns what clients send into commands.
 */
@Component
public class RealtimeHub implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RealtimeHub.class);
    private static final String VIEWS = "conversation_views";
    private static final Duration VIEWS_BATCH_WAIT = Duration.ofMillis(10);

    /** What a client may send; the sender is always the session's user. */
    public record SendRequest(String receiverId, String conversationId, String content, String type,
            List<Attachment> attachments, String clientMessageId) {
    }

    public record TypingRequest(String receiverId, String conversationId) {
    }

    public record ReadRequest(String conversationId, Long upToVersion) {
    }

    /** The answer to a send: the stored message, a refusal, or "not decided in time". */
    public record SendResult(String clientMessageId, Map<String, Object> message, boolean duplicate, String error,
            boolean retryable) {

        boolean accepted() {
            return message != null;
        }
    }

    private final GatewayProperties.Realtime settings;
    private final String gatewayId;
    private final CommandBus commands;
    private final SendRateLimiter rateLimiter;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ReactiveMongoTemplate mongo;
    private final ConsumerFactory<String, byte[]> consumers;
    private final ProjectedViews projectedViews;
    private final CloudEventCodec codec = new CloudEventCodec("/gateway-service");
    private final Map<String, Set<Session>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, PresenceChanged> presence = new ConcurrentHashMap<>();
    /** Who should hear about whose presence: watched user → local users sharing a conversation with them. */
    private final Map<String, Set<String>> watchers = new ConcurrentHashMap<>();
    private final TypingTracker typing;
    private final Semaphore resumes;
    private final List<LiveFeed> feeds = new ArrayList<>();
    private ScheduledExecutorService timers;
    private EventLog eventLog;
    private volatile boolean running;

    RealtimeHub(GatewayProperties properties, @Value("${chat.instance-id}") String instanceId, CommandBus commands,
            SendRateLimiter rateLimiter, KafkaTemplate<String, byte[]> kafka, ReactiveMongoTemplate mongo,
            ConsumerFactory<String, byte[]> consumers, ProjectedViews projectedViews) {
        this.settings = properties.realtime();
        // Unique per start: sessions of a previous incarnation must expire, not be mistaken for these.
        this.gatewayId = instanceId + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.commands = commands;
        this.rateLimiter = rateLimiter;
        this.kafka = kafka;
        this.mongo = mongo;
        this.consumers = consumers;
        this.projectedViews = projectedViews;
        this.typing = new TypingTracker(settings.typingTtl());
        this.resumes = new Semaphore(settings.resumeConcurrency());
    }

    // ---------------------------------------------------------------- sessions

    /** A device connected and authenticated. Its stream starts with {@link #start}. */
    Session open(String userId, String protocol) {
        Session session = new Session(UUID.randomUUID().toString(), userId, protocol, settings.sessionBuffer());
        // compute(): atomic with close() removing a user's last session and the user's entry with it.
        sessionsByUser.compute(userId, (id, sessions) -> {
            Set<Session> all = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            all.add(session);
            return all;
        });
        signal(new SessionOpened(session.id(), userId, gatewayId, Instant.now()));
        return session;
    }

    /**
     * Starts the session's stream: from the cursor if one is given and still reachable (replaying exactly
     * what was missed), else from now. Live events arriving meanwhile wait and follow without gap or
     * duplicate. Ends with a {@code ready} frame carrying the cursor.
     */
    Mono<Void> start(Session session, String cursor) {
        if (!running) {
            // The web server accepts connections a moment before the feeds run (readiness is DOWN meanwhile).
            return Mono.error(new FrameException("the gateway is starting; reconnect shortly"));
        }
        return Mono.<Void>fromRunnable(() -> startBlocking(session, cursor))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromRunnable(() -> sendPartnersPresence(session)));
    }

    private void startBlocking(Session session, String cursorText) {
        synchronized (session) {
            if (session.isStarted()) {
                throw new FrameException("the stream has already started; reconnect with a cursor to resume");
            }
            session.beginCatchUp(Map.of());
        }
        Map<Integer, Long> end = eventLog.end();
        Frame reload = null;
        Optional<Map<Integer, Long>> from = Optional.empty();
        if (cursorText != null && !cursorText.isBlank()) {
            from = Cursor.decode(cursorText);
            String problem = from.isEmpty() ? "the cursor is not one this server issued"
                    : resumeProblem(from.get(), end);
            if (problem != null) {
                reload = Frame.of("reload", Map.of("reason", problem));
                from = Optional.empty();
            }
        }
        int[] replayed = {0};
        if (from.isPresent()) {
            Map<Integer, Long> positions = from.get();
            session.beginCatchUp(positions);
            resumes.acquireUninterruptibly();
            try {
                eventLog.scan(positions, end, record -> {
                    ChatEvent event = decodeEvent(record);
                    if (event != null && event.participants().contains(session.userId())
                            && session.replay(new LoggedEvent(record.partition(), record.offset(), event))) {
                        replayed[0]++;
                    }
                });
            } finally {
                resumes.release();
            }
        } else {
            session.beginCatchUp(end);
        }
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("sessionId", session.id());
        ready.put("userId", session.userId());
        ready.put("replayed", replayed[0]); // frames sent from the log before this one
        session.finishCatchUp(end, reload, ready);
    }

    private String resumeProblem(Map<Integer, Long> cursor, Map<Integer, Long> end) {
        if (!cursor.keySet().equals(end.keySet())) {
            return "the event log's partitions changed; reload";
        }
        Map<Integer, Long> beginning = eventLog.beginning();
        long behind = 0;
        for (Map.Entry<Integer, Long> position : cursor.entrySet()) {
            long offset = position.getValue();
            if (offset < beginning.get(position.getKey()) || offset > end.get(position.getKey())) {
                return "the cursor points outside the event log; reload";
            }
            behind += end.get(position.getKey()) - offset;
        }
        if (behind > settings.resumeMaxRecords()) {
            return "too far behind to replay (" + behind + " events since your cursor); reload the conversations";
        }
        return null;
    }

    void close(Session session) {
        session.disconnected();
        boolean[] removed = {false};
        sessionsByUser.computeIfPresent(session.userId(), (id, sessions) -> {
            removed[0] = sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
        if (removed[0]) {
            signal(new SessionClosed(session.id(), session.userId(), gatewayId, Instant.now()));
        }
    }

    // ---------------------------------------------------------------- client requests

    Mono<SendResult> send(Session session, SendRequest request) {
        String clientMessageId = request.clientMessageId() == null || request.clientMessageId().isBlank()
                ? UUID.randomUUID().toString() : request.clientMessageId();
        String me = session.userId();
        try {
            rateLimiter.acquire(me);
        } catch (ApiException e) {
            return Mono.just(new SendResult(clientMessageId, null, false, e.getMessage(), true));
        }
        String recipient;
        String conversationId;
        try {
            recipient = recipientOf(me, request.receiverId(), request.conversationId());
            conversationId = Ids.directConversationId(me, recipient);
        } catch (FrameException e) {
            return Mono.just(new SendResult(clientMessageId, null, false, e.getMessage(), false));
        }
        session.expectAck(clientMessageId);
        SendMessage command = new SendMessage(UUID.randomUUID().toString(), conversationId, me, recipient,
                clientMessageId, request.content(), request.type(), request.attachments(), Instant.now());
        return commands.submit(command).map(outcome -> sendResult(clientMessageId, outcome));
    }

    private static SendResult sendResult(String clientMessageId, Optional<CommandOutcome> outcome) {
        if (outcome.isEmpty()) {
            return new SendResult(clientMessageId, null, false,
                    "not confirmed in time; send again with the same clientMessageId to learn the result", true);
        }
        if (outcome.get() instanceof CommandRejected rejected) {
            return new SendResult(clientMessageId, null, false, rejected.reason(), false);
        }
        CommandAccepted accepted = (CommandAccepted) outcome.get();
        return new SendResult(clientMessageId, ApiMessage.of(accepted.message(), false, null), accepted.duplicate(),
                null, false);
    }

    /** Publishes a typing indication; the other participants' gateways show and expire it. */
    Mono<Void> typing(Session session, TypingRequest request, boolean typingNow) {
        String me = session.userId();
        String recipient = recipientOf(me, request.receiverId(), request.conversationId());
        String conversationId = Ids.directConversationId(me, recipient);
        IndicateTyping indication = new IndicateTyping(conversationId, me, typingNow,
                Ids.directParticipants(conversationId), Instant.now());
        return Mono.fromFuture(() -> kafka.send(codec.typing(indication))).then();
    }

    /** Marks read; the result reaches the sessions through the event log (messagesRead, conversationUpdated). */
    Mono<Long> read(Session session, ReadRequest request) {
        if (request.conversationId() == null || request.conversationId().isBlank()) {
            return Mono.error(new FrameException("conversationId is required"));
        }
        return commands.submit(new MarkConversationRead(UUID.randomUUID().toString(), request.conversationId(),
                session.userId(), request.upToVersion(), Instant.now())).map(outcome -> {
                    if (outcome.isEmpty()) {
                        throw new FrameException("not confirmed in time; mark as read again");
                    }
                    if (outcome.get() instanceof CommandRejected rejected) {
                        throw new FrameException(rejected.reason());
                    }
                    Long upTo = ((CommandAccepted) outcome.get()).readUpToVersion();
                    return upTo == null ? 0L : upTo;
                });
    }

    /** The other participant of a direct conversation given by either the receiver or the conversation id. */
    private static String recipientOf(String me, String receiverId, String conversationId) {
        if (receiverId != null && !receiverId.isBlank()) {
            if (!Ids.isValidUserId(receiverId)) {
                throw new FrameException("receiverId must be a valid user id");
            }
            if (receiverId.equals(me)) {
                throw new FrameException("cannot send to yourself");
            }
            return receiverId;
        }
        List<String> participants = Ids.directParticipants(conversationId);
        if (participants.isEmpty()) {
            throw new FrameException("receiverId or a direct conversationId is required");
        }
        if (!participants.contains(me)) {
            throw new FrameException("you are not a participant of " + conversationId);
        }
        return participants.get(0).equals(me) ? participants.get(1) : participants.get(0);
    }

    // ---------------------------------------------------------------- presence

    /** The latest known presence of each user (offline with no lastSeenAt if never seen). */
    public List<Map<String, Object>> presenceOf(List<String> userIds) {
        return userIds.stream().map(id -> presenceData(id, presence.get(id))).toList();
    }

    private static Map<String, Object> presenceData(String userId, PresenceChanged known) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", userId);
        data.put("online", known != null && known.online());
        data.put("lastSeenAt", known == null || known.lastSeenAt() == null ? null : known.lastSeenAt().toString());
        return data;
    }

    private void sendPartnersPresence(Session session) {
        mongo.find(Query.query(Criteria.where("participants").is(session.userId())), Document.class, VIEWS)
                .flatMapIterable(view -> view.getList("participants", String.class))
                .filter(partner -> !partner.equals(session.userId()))
                .distinct()
                .doOnNext(partner -> {
                    watch(partner, session.userId());
                    session.push(Frame.of("presence", presenceData(partner, presence.get(partner))));
                })
                .subscribe(null, e -> log.warn("Could not load {}'s contacts: {}", session.userId(), e.toString()));
    }

    private void watch(String watched, String watcher) {
        watchers.computeIfAbsent(watched, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    }

    private void onPresence(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            presence.remove(record.key());
            return;
        }
        PresenceChanged change = CloudEventCodec.decode(record, PresenceChanged.class).data();
        PresenceChanged previous = presence.get(change.userId());
        if (previous != null && previous.changedAt().isAfter(change.changedAt())) {
            return;
        }
        presence.put(change.userId(), change);
        Frame frame = Frame.of("presence", presenceData(change.userId(), change));
        for (String watcher : watchers.getOrDefault(change.userId(), Set.of())) {
            sessionsOf(watcher).forEach(session -> session.push(frame));
        }
    }

    // ---------------------------------------------------------------- events and typing from Kafka

    private void onEvent(ConsumerRecord<String, byte[]> record) {
        if (!concernsLocalSessions(record.key())) {
            return;
        }
        ChatEvent event = decodeEvent(record);
        if (event == null) {
            return;
        }
        LoggedEvent logged = null;
        for (String participant : event.participants()) {
            for (Session session : sessionsOf(participant)) {
                if (logged == null) {
                    logged = new LoggedEvent(record.partition(), record.offset(), event);
                }
                session.offer(logged);
            }
        }
        if (logged != null && event instanceof ConversationStarted started) {
            for (String a : started.participants()) {
                for (String b : started.participants()) {
                    if (!a.equals(b) && !sessionsOf(b).isEmpty()) {
                        watch(a, b);
                    }
                }
            }
        }
    }

    /**
     * projection-service applied events to a conversation's read model: tell the local participants
     * their new counters, and release answers waiting to be readable.
     */
    private void onView(ConsumerRecord<String, byte[]> record) {
        // The record's id is <conversationId>:<version>: enough for waiting answers, without decoding it.
        String id = CloudEventCodec.header(record.headers(), CloudEventCodec.ID);
        if (id != null && id.startsWith(record.key() + ":")) {
            projectedViews.seen(record.key(), Long.parseLong(id.substring(record.key().length() + 1)));
        }
        if (!concernsLocalSessions(record.key())) {
            return;
        }
        ConversationView view = CloudEventCodec.decode(record, ConversationView.class).data();
        for (String participant : view.participants()) {
            Set<Session> sessions = sessionsOf(participant);
            if (sessions.isEmpty()) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("conversationId", view.conversationId());
            data.put("lastMessage", ConversationViews.lastMessage(view.lastMessage()));
            data.put("unreadCount", view.unreadOf(participant));
            data.put("version", view.version());
            Frame frame = Frame.of("conversationUpdated", Frame.Json.of(data));
            sessions.forEach(s -> s.pushConversationUpdate(view.conversationId(), view.version(), frame));
        }
    }

    private void onTyping(ConsumerRecord<String, byte[]> record) {
        IndicateTyping indication = CloudEventCodec.decode(record, IndicateTyping.class).data();
        TypingTracker.Typist typist = new TypingTracker.Typist(indication.conversationId(), indication.userId(),
                indication.participants());
        boolean changed;
        synchronized (typing) {
            changed = indication.typing() ? typing.started(typist, Instant.now()) : typing.stopped(typist);
        }
        if (changed) {
            pushTyping(typist, indication.typing());
        }
    }

    private void expireTyping() {
        List<TypingTracker.Typist> lapsed;
        synchronized (typing) {
            lapsed = typing.expire(Instant.now());
        }
        lapsed.forEach(typist -> pushTyping(typist, false));
    }

    private void pushTyping(TypingTracker.Typist typist, boolean typingNow) {
        Frame frame = Frame.of(typingNow ? "userTyping" : "userStoppedTyping",
                Map.of("conversationId", typist.conversationId(), "userId", typist.userId()));
        typist.participants().stream()
                .filter(participant -> !participant.equals(typist.userId()))
                .forEach(participant -> sessionsOf(participant).forEach(session -> session.push(frame)));
    }

    private static ChatEvent decodeEvent(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventCodec.decode(record, ChatEvent.class).data();
        } catch (RuntimeException e) {
            log.warn("Not delivering undecodable event {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    /**
     * Whether a record keyed by this conversation may be for a session here. A direct conversation's id
     * names its participants, so most records are skipped without being decoded; others are decoded.
     */
    private boolean concernsLocalSessions(String conversationId) {
        List<String> direct = Ids.directParticipants(conversationId);
        return direct.isEmpty() || direct.stream().anyMatch(user -> !sessionsOf(user).isEmpty());
    }

    private Set<Session> sessionsOf(String userId) {
        return sessionsByUser.getOrDefault(userId, Set.of());
    }

    // ---------------------------------------------------------------- presence signals

    private void signal(PresenceSignal signal) {
        kafka.send(codec.presenceSignal(signal, Instant.now())).whenComplete((result, e) -> {
            if (e != null) {
                log.warn("Could not publish {}: {}", signal, e.toString());
            }
        });
    }

    private void heartbeat() {
        sessionsByUser.forEach((userId, sessions) -> {
            List<String> ids = sessions.stream().map(Session::id).toList();
            if (!ids.isEmpty()) {
                signal(new SessionsHeartbeat(userId, gatewayId, ids, Instant.now()));
            }
        });
    }

    // ---------------------------------------------------------------- lifecycle and health

    @Override
    public void start() {
        eventLog = new EventLog(consumers);
        feeds.add(new LiveFeed(Topics.EVENTS.name(), false, consumers, this::onEvent).start());
        feeds.add(new LiveFeed(Topics.TYPING.name(), false, consumers, this::onTyping).start());
        feeds.add(new LiveFeed(Topics.PRESENCE.name(), true, consumers, this::onPresence).start());
        // Views drive counters and read-your-writes answers, not message delivery: fetched in batches.
        feeds.add(new LiveFeed(Topics.CONVERSATION_VIEWS.name(), false, consumers, this::onView)
                .batchingFor(VIEWS_BATCH_WAIT).start());
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "realtime-timers");
            thread.setDaemon(true);
            return thread;
        });
        long heartbeat = settings.heartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(this::expireTyping, 250, 250, TimeUnit.MILLISECONDS);
        running = true;
        log.info("Real-time hub {} started", gatewayId);
    }

    /** An orderly shutdown closes every session, so their users do not wait for expiry to go offline. */
    @Override
    public void stop() {
        running = false;
        sessionsByUser.values().forEach(sessions -> sessions.forEach(session -> {
            session.close("server shutting down; reconnect with your last cursor");
            signal(new SessionClosed(session.id(), session.userId(), gatewayId, Instant.now()));
        }));
        sessionsByUser.clear();
        kafka.flush();
        timers.shutdownNow();
        feeds.forEach(LiveFeed::close);
        feeds.clear();
        eventLog.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the web server, and stops (closing sessions in order) before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    @Override
    public Health health() {
        boolean ready = running && feeds.stream().allMatch(LiveFeed::ready);
        int sessions = sessionsByUser.values().stream().mapToInt(Set::size).sum();
        return (ready ? Health.up() : Health.outOfService().withDetail("reason", "feeds not yet assigned"))
                .withDetail("gatewayId", gatewayId)
                .withDetail("sessions", sessions)
                .build();
    }
}
