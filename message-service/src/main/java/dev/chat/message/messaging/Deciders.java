package dev.chat.message.messaging;

import dev.chat.contracts.AddMembers;
import dev.chat.contracts.BlockUser;
import dev.chat.contracts.ChatCommand;
import dev.chat.contracts.ContractType;
import dev.chat.contracts.CreateGroup;
import dev.chat.contracts.DeleteMessage;
import dev.chat.contracts.EditMessage;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.ReactToMessage;
import dev.chat.contracts.RemoveMember;
import dev.chat.contracts.RenameGroup;
import dev.chat.contracts.ReportMessage;
import dev.chat.contracts.SendMessage;
import dev.chat.contracts.UnblockUser;
import java.util.Optional;

/** Every command to the decider that owns its rule: one entry point for the processor and the tests. */
record Deciders(ConversationDecider conversations, GroupDecider groups, MessageActionDecider messages,
        BlockDecider blocks) {

    Decision decide(ConversationState state, ChatCommand command, Lookups lookups) {
        String conversationId = command.conversationId();
        if (command instanceof SendMessage send) {
            Optional<MessageFacts> repliedTo = send.replyTo() == null ? Optional.empty()
                    : lookups.message(conversationId, send.replyTo());
            return conversations.decide(state, send, lookups.earlierSend(send), repliedTo);
        }
        if (command instanceof MarkConversationRead read) {
            return conversations.decide(state, read);
        }
        if (command instanceof CreateGroup create) {
            return groups.decide(state, create);
        }
        if (command instanceof AddMembers add) {
            return groups.decide(state, add);
        }
        if (command instanceof RemoveMember remove) {
            return groups.decide(state, remove);
        }
        if (command instanceof RenameGroup rename) {
            return groups.decide(state, rename);
        }
        if (command instanceof EditMessage edit) {
            return messages.decide(state, edit, lookups.message(conversationId, edit.messageId()));
        }
        if (command instanceof DeleteMessage delete) {
            return messages.decide(state, delete, lookups.message(conversationId, delete.messageId()));
        }
        if (command instanceof ReactToMessage react) {
            return messages.decide(state, react, lookups.message(conversationId, react.messageId()));
        }
        if (command instanceof ReportMessage report) {
            return messages.decide(state, report, lookups.message(conversationId, report.messageId()));
        }
        if (command instanceof BlockUser block) {
            return blocks.decide(state, block);
        }
        return blocks.decide(state, (UnblockUser) command);
    }

    /** The command's kind, as the decision metrics name it: its contract type's name ({@code send-message} …). */
    static String kind(ChatCommand command) {
        return ContractType.of(command).typeName().replace("chat.command.", "").replace(".v1", "");
    }
}
