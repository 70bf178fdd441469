package dev.chat.gateway.realtime;

import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.ConversationView;
import dev.chat.contracts.IndicateTyping;
import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.gateway.GatewayProperties;
import dev.chat.gateway.blocklist.BlockList;
import dev.chat.gateway.messaging.Addressee;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Typing indicators: a user's indication goes to {@code chat.typing.v1} — coalesced and limited per user
 * and conversation by a {@link TypingGate} — and every gateway shows the indications it reads to the
 * other participants' sessions and lapses them after the TTL.
 */
@Component
class TypingRelay {

    private static final Logger log = LoggerFactory.getLogger(TypingRelay.class);

    /**
     * What a client sends with {@code typing} / {@code stopTyping} (WebSocket: the event says which) or
     * {@code chat.typing} (RSocket: {@code typing}, true if absent).
     */
    record TypingRequest(String receiverId, String conversationId, Boolean typing) {
    }

    private final SessionRegistry sessions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final TypingTracker typing;
    private final TypingGate gate;

    private final BlockList blocks;
    private final ConversationReads conversations;

    TypingRelay(SessionRegistry sessions, KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec,
            GatewayProperties properties, ConversationReads conversations, BlockList blocks) {
        this.conversations = conversations;
        this.blocks = blocks;
        this.codec = codec;
        this.sessions = sessions;
        this.kafka = kafka;
        this.typing = new TypingTracker(properties.realtime().typingTtl());
        // Four state changes a second at most; a steady "typing" refreshed at half the receivers' TTL.
        this.gate = new TypingGate(Duration.ofMillis(250), properties.realtime().typingTtl().dividedBy(2));
    }

    /** Publishes a typing indication; the other participants' gateways show and expire it. */
    Mono<Void> indicate(String userId, TypingRequest request, boolean typingNow) {
        Addressee addressee = Addressee.of(userId, request.receiverId(), request.conversationId());
        if (!addressee.found()) {
            return Mono.error(new FrameException(addressee.refusal().reason()));
        }
        String conversationId = addressee.conversationId();
        boolean now;
        synchronized (gate) {
            now = gate.offer(conversationId, userId, typingNow, Instant.now());
        }
        return now ? publish(conversationId, userId, typingNow) : Mono.empty();
    }

    private Mono<Void> publish(String conversationId, String userId, boolean typingNow) {
        return participants(conversationId, userId).flatMap(members -> Mono.fromFuture(() -> kafka.send(codec.typing(
                new IndicateTyping(conversationId, userId, typingNow, members, Instant.now()))))).then();
    }

    /** A direct conversation's two participants; a group's members from its view, if the typist is one. */
    private Mono<List<String>> participants(String conversationId, String userId) {
        if (!Ids.isGroupId(conversationId)) {
            return Mono.just(Ids.directParticipants(conversationId));
        }
        return conversations.view(conversationId).map(ConversationView::participants)
                .filter(members -> members.contains(userId))
                .switchIfEmpty(Mono.error(() -> new FrameException(ConversationReads.NOT_A_PARTICIPANT)));
    }

    /** A record of {@code chat.typing.v1}. */
    void onTyping(ConsumerRecord<String, byte[]> record) {
        IndicateTyping indication = CloudEventCodec.decode(record, IndicateTyping.class).data();
        TypingTracker.Typist typist = new TypingTracker.Typist(indication.conversationId(), indication.userId(),
                indication.participants());
        boolean changed;
        synchronized (typing) {
            changed = indication.typing() ? typing.started(typist, Instant.now()) : typing.stopped(typist);
        }
        if (changed) {
            push(typist, indication.typing());
        }
    }

    /**
     * Lapses indications not refreshed within the TTL, and publishes the held ones whose interval is over
     * (called every 250 ms).
     */
    void expire() {
        List<TypingTracker.Typist> lapsed;
        synchronized (typing) {
            lapsed = typing.expire(Instant.now());
        }
        lapsed.forEach(typist -> push(typist, false));
        List<TypingGate.Publication> due;
        synchronized (gate) {
            due = gate.due(Instant.now());
        }
        due.forEach(held -> publish(held.conversationId(), held.userId(), held.typing()).subscribe(null,
                e -> log.warn("Typing indication of {} not published: {}", held.userId(), e.toString())));
    }

    /** To the other participants; in a direct conversation with a block either way, to no one. */
    private void push(TypingTracker.Typist typist, boolean typingNow) {
        Frame frame = Frames.typing(typingNow, typist.conversationId(), typist.userId());
        boolean direct = !Ids.isGroupId(typist.conversationId());
        typist.participants().stream()
                .filter(participant -> !participant.equals(typist.userId()))
                .filter(participant -> !(direct && blocks.eitherBlocks(typist.userId(), participant)))
                .forEach(participant -> sessions.sessionsOf(participant).forEach(session -> session.push(frame)));
    }
}
