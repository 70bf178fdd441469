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
    CONVERSATION_VIEW("chat.conversation.view.v1", ConversationView.class),
    CREATE_GROUP("chat.command.create-group.v1", CreateGroup.class),
    ADD_MEMBERS("chat.command.add-members.v1", AddMembers.class),
    REMOVE_MEMBER("chat.command.remove-member.v1", RemoveMember.class),
    RENAME_GROUP("chat.command.rename-group.v1", RenameGroup.class),
    EDIT_MESSAGE("chat.command.edit-message.v1", EditMessage.class),
    DELETE_MESSAGE("chat.command.delete-message.v1", DeleteMessage.class),
    REACT_TO_MESSAGE("chat.command.react.v1", ReactToMessage.class),
    REPORT_MESSAGE("chat.command.report-message.v1", ReportMessage.class),
    BLOCK_USER("chat.command.block-user.v1", BlockUser.class),
    UNBLOCK_USER("chat.command.unblock-user.v1", UnblockUser.class),
    GROUP_CREATED("chat.group.created.v1", GroupCreated.class),
    MEMBERS_ADDED("chat.group.members-added.v1", MembersAdded.class),
    MEMBER_REMOVED("chat.group.member-removed.v1", MemberRemoved.class),
    GROUP_RENAMED("chat.group.renamed.v1", GroupRenamed.class),
    MESSAGE_EDITED("chat.message.edited.v1", MessageEdited.class),
    MESSAGE_DELETED("chat.message.deleted.v1", MessageDeleted.class),
    REACTION_ADDED("chat.message.reaction-added.v1", ReactionAdded.class),
    REACTION_REMOVED("chat.message.reaction-removed.v1", ReactionRemoved.class),
    MESSAGE_REPORTED("chat.moderation.message-reported.v1", MessageReported.class),
    BLOCK_CHANGED("chat.privacy.block-changed.v1", BlockChanged.class),
    MESSAGES_DELIVERED("chat.messages.delivered.v1", MessagesDelivered.class);

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
