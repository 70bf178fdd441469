package dev.chat.contracts;

/**
 * What a gateway tells presence-service about its sessions, published to
 * {@link Topics#PRESENCE_SIGNALS} keyed by user id, so one user's signals from one gateway stay in order.
 */
public sealed interface PresenceSignal permits SessionOpened, SessionClosed, SessionsHeartbeat {

    String userId();

    String gatewayId();
}
