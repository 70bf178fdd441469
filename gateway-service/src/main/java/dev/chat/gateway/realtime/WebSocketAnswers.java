package dev.chat.gateway.realtime;

import java.util.List;

/**
 * How {@code /ws} (and Socket.IO, for an emit without an ack) says a {@link SocketAnswer}: most effects come back through the event log to every session (a
 * new message as {@code messageSent} with its cursor, a read as {@code messagesRead}), so only what the log does
 * not carry is answered here — a duplicate send, presence asked for, and refusals.
 */
final class WebSocketAnswers {

    private WebSocketAnswers() {
    }

    /** The frames that answer {@code event} ({@link SocketAnswer.Later} is the caller's to wait for). */
    static List<Frame> frames(String event, SocketAnswer answer) {
        if (answer instanceof SocketAnswer.Sent sent) {
            // A new message is acknowledged when its event arrives; a duplicate brings no event: answered now.
            return sent.duplicate() ? List.of(Frames.duplicateSent(sent.message())) : List.of();
        }
        if (answer instanceof SocketAnswer.Presence presence) {
            return presence.presence().stream().map(Frames::presence).toList();
        }
        if (answer instanceof SocketAnswer.Refused refused) {
            // About a send: messageError names it by its clientMessageId, as the original app's clients expect.
            return List.of(refused.clientMessageId() != null
                    ? Frames.messageError(refused.clientMessageId(), refused.reason(), refused.retryable(),
                            refused.retryAfterSeconds())
                    : Frames.error(refused.reason(), event, refused.retryAfterSeconds()));
        }
        return List.of();
    }
}
