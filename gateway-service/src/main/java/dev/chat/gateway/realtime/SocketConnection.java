package dev.chat.gateway.realtime;

import reactor.core.publisher.Mono;

/** What a protocol's authenticated connection offers the {@link SocketDispatcher}. */
interface SocketConnection {

    String userId();

    /** The user did something: not idle (notifications, presence). */
    void touched();

    /** Starts the live stream after {@code cursor} (null: from now); an error if this protocol streams otherwise. */
    Mono<Void> resume(String cursor);

    /** Starts the live stream as the connection asked (its URL's cursor, else from now) unless already asked. */
    Mono<Void> join();

    /** A send is about to be published under {@code clientMessageId}: its event acknowledges it on this connection. */
    void expectAck(String clientMessageId);
}
