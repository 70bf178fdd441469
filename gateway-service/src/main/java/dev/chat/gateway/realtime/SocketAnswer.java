package dev.chat.gateway.realtime;

import dev.chat.gateway.commands.Refusal;
import dev.chat.gateway.wire.WireMessage;
import dev.chat.gateway.wire.WirePresence;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a socket action comes to, the same for every protocol; each maps it once to its wire (a frame or none on
 * {@code /ws}, an RSocket answer or error, a Socket.IO ack).
 */
sealed interface SocketAnswer {

    /** A send stored ({@code duplicate}: stored before under the same clientMessageId). */
    record Sent(WireMessage message, boolean duplicate) implements SocketAnswer {
    }

    /** The user has read the conversation up to {@code readUpToVersion} (0: nothing to read). */
    record Read(String conversationId, long readUpToVersion) implements SocketAnswer {
    }

    /** Done: the conversation reached {@code version} with it. */
    record Done(String conversationId, long version) implements SocketAnswer {
    }

    record Presence(List<WirePresence> presence) implements SocketAnswer {
    }

    /** Nothing to say (typing, join, resume: their effects arrive on the stream). */
    record Nothing() implements SocketAnswer {
    }

    /**
     * Not done: a refusal in plain words, or no decision in time ({@code retryable}); {@code clientMessageId} names
     * the send it is about (null for other actions).
     */
    record Refused(String reason, boolean retryable, Long retryAfterSeconds, String clientMessageId)
            implements SocketAnswer {

        static Refused of(Refusal refusal, String clientMessageId) {
            return new Refused(refusal.reason(), refusal.retryable(),
                    refusal.retryAfter() == null ? null : refusal.retryAfter().toSeconds(), clientMessageId);
        }

        static Refused invalid(String reason) {
            return new Refused(reason, false, null, null);
        }
    }

    /**
     * Taken in the connection's order (a send is published before the connection's next action is read), answered
     * when decided: a protocol need not hold the next action back for the answer.
     */
    record Later(Mono<SocketAnswer> answer) implements SocketAnswer {
    }

    SocketAnswer NOTHING = new Nothing();
}
