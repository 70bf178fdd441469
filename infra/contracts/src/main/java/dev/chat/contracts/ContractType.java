package dev.chat.contracts;

import java.util.Arrays;
import java.util.Optional;

/** The versioned CloudEvents {@code type} of every record the platform publishes. */
public enum ContractType {
    SEND_MESSAGE("chat.command.send-message.v1", SendMessage.class),
    MARK_CONVERSATION_READ("chat.command.mark-read.v1", MarkConversationRead.class),
    CONVERSATION_STARTED("chat.conversation.started.v1", ConversationStarted.class),
    MESSAGE_SENT("chat.message.sent.v1", MessageSent.class),
    MESSAGES_READ("chat.messages.read.v1", MessagesRead.class),
    COMMAND_ACCEPTED("chat.command.accepted.v1", CommandAccepted.class),
    COMMAND_REJECTED("chat.command.rejected.v1", CommandRejected.class),
    USER_PROFILE_UPDATED("chat.user.profile-updated.v1", UserProfileUpdated.class),
    SESSION_OPENED("chat.presence.session-opened.v1", SessionOpened.class),
    SESSION_CLOSED("chat.presence.session-closed.v1", SessionClosed.class),
    SESSIONS_HEARTBEAT("chat.presence.heartbeat.v1", SessionsHeartbeat.class),
    PRESENCE_CHANGED("chat.presence.changed.v1", PresenceChanged.class),
    INDICATE_TYPING("chat.command.indicate-typing.v1", IndicateTyping.class),
    CONVERSATION_VIEW("chat.conversation.view.v1", ConversationView.class);

    private final String typeName;
    private final Class<?> javaType;

    ContractType(String typeName, Class<?> javaType) {
        this.typeName = typeName;
        this.javaType = javaType;
    }

    public String typeName() {
        return typeName;
    }

    public Class<?> javaType() {
        return javaType;
    }

    public static Optional<ContractType> ofTypeName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }

    public static ContractType of(Object payload) {
        return Arrays.stream(values())
                .filter(t -> t.javaType == payload.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a contract type: " + payload.getClass()));
    }
}
