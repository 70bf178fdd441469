package dev.chat.gateway.realtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.contracts.Attachment;
import dev.chat.contracts.ChatJson;
import dev.chat.gateway.conversations.ConversationReads;
import dev.chat.gateway.wire.RestBodies;
import dev.chat.gateway.wire.WireMessage;
import dev.chat.gateway.wire.WireUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * What Socket.IO clients see: every frame as an event of the same name (its cursor as the recovery offset), the
 * original app's shapes where it had them — {@code newMessage} and {@code messageSent} with {@code sender} and
 * {@code receiver} populated, {@code messageError {error}} — and acknowledgements with the body REST answers.
 * Users are looked up once a minute at most ({@link #USERS_KEPT}): a message to many sessions costs one lookup.
 */
@Component
class SocketIoWire {

    static final Duration USERS_KEPT = Duration.ofMinutes(1);
    private static final int MAX_USERS = 50_000;
    /**
     * The originals kept: enough for an event's sessions, which all get it within moments (their texts, as long as
     * the messages, are bounded too: at most {@link #MAX_ORIGINAL_CHARS} characters in all).
     */
    private static final int MAX_ORIGINALS = 1_024;
    private static final long MAX_ORIGINAL_CHARS = 4_000_000;

    /** The original app's message: exactly these fields, the users populated. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"_id", "conversation", "sender", "receiver", "content", "type", "attachments", "isRead",
            "createdAt", "updatedAt"})
    record OriginalMessage(@com.fasterxml.jackson.annotation.JsonProperty("_id") String id, String conversation,
            WireUser sender, WireUser receiver, String content, String type, List<Attachment> attachments,
            @com.fasterxml.jackson.annotation.JsonProperty("isRead") boolean isRead, String createdAt,
            String updatedAt) {
    }

    /** {@code messageError}: the original's {@code {error}}, with what the platform adds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"error", "clientMessageId", "retryable", "retryAfter"})
    record MessageError(String error, String clientMessageId, Boolean retryable, Long retryAfter) {
    }

    /** An acknowledgement that is not a success: REST's {@code {success: false, message}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"success", "message", "retryable", "retryAfter", "clientMessageId"})
    record Failure(boolean success, String message, boolean retryable, Long retryAfter, String clientMessageId) {
    }

    @JsonPropertyOrder({"success", "conversationId", "version"})
    record Done(boolean success, String conversationId, long version) {
    }

    record Ok(boolean success) {
    }

    private record Known(WireUser user, long at) {
    }

    private record Written(String text, long at) {
    }

    private final ConversationReads reads;
    private final Map<String, Known> users = new ConcurrentHashMap<>();
    /** The original's message by the text of the frame data it was made from. */
    private final Map<String, Written> originals = new ConcurrentHashMap<>();
    private final AtomicLong originalChars = new AtomicLong();

    SocketIoWire(ConversationReads reads) {
        this.reads = reads;
    }

    /** The Engine.IO packet that carries {@code frame} to a Socket.IO client. */
    Mono<String> event(Frame frame, String viewer) {
        return switch (frame.event()) {
            case "newMessage", "messageSent" -> original(frame).map(data -> SocketIoPacket.event(frame.event(), data,
                    frame.cursor()));
            case "messageError" -> Mono.just(SocketIoPacket.event(frame.event(), messageError(frame), frame.cursor()));
            default -> Mono.just(SocketIoPacket.event(frame.event(), data(frame), frame.cursor()));
        };
    }

    private static String data(Frame frame) {
        return frame.data() instanceof Frame.Json json ? json.text() : ChatJson.mapper().writeValueAsString(frame.data());
    }

    private static String messageError(Frame frame) {
        JsonNode data = ChatJson.mapper().readTree(data(frame));
        return ChatJson.mapper().writeValueAsString(new MessageError(data.path("message").asString(null),
                data.path("clientMessageId").asString(null), data.path("retryable").asBoolean(false),
                data.path("retryAfter").isNumber() ? data.path("retryAfter").asLong() : null));
    }

    /**
     * The original's message for {@code frame}, written once per event however many sessions get it: the sender's
     * {@code messageSent} and every member's {@code newMessage} share the text (within {@link #USERS_KEPT}, as the
     * users it shows).
     */
    private Mono<String> original(Frame frame) {
        if (!(frame.data() instanceof Frame.Json json)) {
            return original(message(frame.data()));
        }
        long now = System.currentTimeMillis();
        Written known = originals.get(json.text());
        if (known != null && now - known.at() < USERS_KEPT.toMillis()) {
            return Mono.just(known.text());
        }
        return original(message(json.source() != null ? json.source() : json)).doOnNext(text -> {
            if (originals.size() >= MAX_ORIGINALS || originalChars.addAndGet(text.length()) > MAX_ORIGINAL_CHARS) {
                originals.clear();
                originalChars.set(text.length());
            }
            originals.put(json.text(), new Written(text, now));
        });
    }

    /** A frame's message as the platform shows it: the value it was written from, or its text read back. */
    private static WireMessage message(Object data) {
        if (data instanceof WireMessage message) {
            return message;
        }
        String text = data instanceof Frame.Json json ? json.text() : ChatJson.mapper().writeValueAsString(data);
        return ChatJson.mapper().readValue(text, WireMessage.class);
    }

    private Mono<String> original(WireMessage message) {
        return users(message.sender(), message.receiver()).map(found -> ChatJson.mapper().writeValueAsString(
                new OriginalMessage(message.id(), message.conversation(), found.get(message.sender()),
                        message.receiver() == null ? null : found.get(message.receiver()), message.content(),
                        message.type(), message.attachments() == null ? List.of() : message.attachments(),
                        message.isRead(), message.createdAt(),
                        message.editedAt() != null ? message.editedAt() : message.createdAt())));
    }

    /** The users named, from memory when looked up within the last minute. */
    private Mono<Map<String, WireUser>> users(String... ids) {
        long now = System.currentTimeMillis();
        Map<String, WireUser> found = new ConcurrentHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (id == null) {
                continue;
            }
            Known known = users.get(id);
            if (known != null && now - known.at() < USERS_KEPT.toMillis()) {
                found.put(id, known.user());
            } else {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return Mono.just(found);
        }
        return reads.profilesOf(missing).map(profiles -> {
            if (users.size() > MAX_USERS) {
                users.clear();
            }
            for (String id : missing) {
                WireUser user = WireUser.of(id, profiles.get(id));
                users.put(id, new Known(user, now));
                found.put(id, user);
            }
            return found;
        });
    }

    /** The acknowledgement of an action: the body REST gives for it. */
    static Object ack(SocketAnswer answer) {
        if (answer instanceof SocketAnswer.Sent sent) {
            return new RestBodies.Sent(sent.duplicate() ? sent.message().asDuplicate() : sent.message(),
                    sent.duplicate());
        }
        if (answer instanceof SocketAnswer.Read read) {
            return new RestBodies.Read(read.readUpToVersion());
        }
        if (answer instanceof SocketAnswer.Done done) {
            return new Done(true, done.conversationId(), done.version());
        }
        if (answer instanceof SocketAnswer.Presence presence) {
            return new RestBodies.Presence(presence.presence());
        }
        if (answer instanceof SocketAnswer.Refused refused) {
            return new Failure(false, refused.reason(), refused.retryable(), refused.retryAfterSeconds(),
                    refused.clientMessageId());
        }
        return new Ok(true);
    }

    static MessageError error(String message) {
        return new MessageError(message, null, null, null);
    }
}
