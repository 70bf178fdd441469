package dev.chat.message.messaging;

import dev.chat.contracts.Attachment;
import dev.chat.contracts.UrlPolicy;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CommandAccepted;
import dev.chat.contracts.ConversationKind;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MarkConversationRead;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.RejectionCode;
import dev.chat.contracts.ReplyPreview;
import dev.chat.contracts.SendMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rules of a conversation, as plain code on plain data: no Kafka, no Mongo. Given the state and
 * a command, it returns the events to record and the answer for the sender. Rejections are answers,
 * not exceptions.
 */
final class ConversationDecider {

    static final int MAX_CLIENT_MESSAGE_ID = 128;
    static final int MAX_ATTACHMENTS = 10;

    private final ContentRule contentRule;
    private final UrlPolicy urls;
    private final Clock clock;
    private final Supplier<String> messageIds;

    ConversationDecider(int maxContentLength, UrlPolicy urls, Clock clock, Supplier<String> messageIds) {
        this.contentRule = new ContentRule(maxContentLength);
        this.urls = urls;
        this.clock = clock;
        this.messageIds = messageIds;
    }

    /**
     * @param earlier the message this sender already sent in this conversation with the same
     *                clientMessageId, if any
     */
    Decision decide(ConversationState state, SendMessage command, Optional<MessageSent> earlier) {
        return decide(state, command, earlier, Optional.empty());
    }

    /**
     * @param repliedTo what is known of the message the send answers ({@code replyTo}), if it exists here
     */
    Decision decide(ConversationState state, SendMessage command, Optional<MessageSent> earlier,
            Optional<MessageFacts> repliedTo) {
        Optional<Problem> invalid = validate(command);
        if (invalid.isPresent()) {
            return invalid.get().refuse(command.commandId(), command.conversationId(), command.senderId());
        }
        String sender = command.senderId();
        List<String> participants;
        if (state.exists()) {
            if (!state.hasParticipant(sender)) {
                return notAParticipant(command.commandId(), command.conversationId(), sender);
            }
            if (command.recipientId() != null && !state.hasParticipant(command.recipientId())) {
                return reject(command.commandId(), command.conversationId(), sender, RejectionCode.INVALID,
                        "recipient " + command.recipientId() + " is not in this conversation");
            }
            participants = state.participants();
        } else if (Ids.isGroupId(command.conversationId())) {
            // Groups are created, not started by a first message; and a stranger learns nothing of which exist.
            return notAParticipant(command.commandId(), command.conversationId(), sender);
        } else {
            List<String> direct = Ids.directParticipants(command.conversationId());
            if (!direct.isEmpty() && !direct.contains(sender)) {
                return notAParticipant(command.commandId(), command.conversationId(), sender);
            }
            if (command.recipientId() == null) {
                return reject(command.commandId(), command.conversationId(), sender,
                        RejectionCode.UNKNOWN_CONVERSATION, "conversation does not exist; name a recipient to start it");
            }
            if (command.recipientId().equals(sender)) {
                return reject(command.commandId(), command.conversationId(), sender, RejectionCode.INVALID,
                        "cannot start a conversation with yourself");
            }
            if (!Ids.directConversationId(sender, command.recipientId()).equals(command.conversationId())) {
                return reject(command.commandId(), command.conversationId(), sender, RejectionCode.INVALID,
                        "conversation id does not match sender and recipient");
            }
            participants = direct;
        }
        if (earlier.isPresent()) {
            // A retry of a message already stored: answer with the original, record nothing.
            return new Decision(List.of(), new CommandAccepted(command.commandId(), command.conversationId(),
                    sender, earlier.get(), true, null, state.version()));
        }
        Optional<Decision> blocked = BlockDecider.refusesWriting(state, command.commandId(), sender);
        if (blocked.isPresent()) {
            return blocked.get();
        }
        Optional<ReplyPreview> quote = Optional.empty();
        if (command.replyTo() != null) {
            Optional<MessageFacts> answered = repliedTo.filter(facts -> state.sees(sender, facts.version()));
            if (answered.isEmpty()) {
                return Rejections.unknownMessage(command.commandId(), command.conversationId(), sender);
            }
            if (answered.get().deleted()) {
                return reject(command.commandId(), command.conversationId(), sender, RejectionCode.CONFLICT,
                        "the message you reply to was deleted");
            }
            quote = answered.map(facts -> new ReplyPreview(facts.messageId(), facts.senderId(), facts.preview()));
        }
        Instant now = DecisionTime.now(clock);
        List<ChatEvent> events = new ArrayList<>(2);
        long version = state.version();
        if (!state.exists()) {
            events.add(new ConversationStarted(command.conversationId(), ++version, ConversationKind.DIRECT,
                    participants, sender, now));
        }
        MessageSent sent = new MessageSent(messageIds.get(), command.conversationId(), ++version, sender,
                participants, command.clientMessageId(), command.content() == null ? "" : command.content(),
                typeOf(command), command.attachments(), now, quote.orElse(null));
        events.add(sent);
        return new Decision(events,
                new CommandAccepted(command.commandId(), command.conversationId(), sender, sent, false, null, version));
    }

    Decision decide(ConversationState state, MarkConversationRead command) {
        String reader = command.readerId();
        if (!Ids.isValidUserId(reader)) {
            return reject(command.commandId(), command.conversationId(), reader, RejectionCode.INVALID,
                    "reader id is not a valid user id");
        }
        if (!state.exists()) {
            // Only a would-be participant learns that it does not exist; to others it is like any they are not in.
            return Ids.directParticipants(command.conversationId()).contains(reader)
                    ? reject(command.commandId(), command.conversationId(), reader, RejectionCode.UNKNOWN_CONVERSATION,
                            "conversation does not exist")
                    : notAParticipant(command.commandId(), command.conversationId(), reader);
        }
        if (!state.hasParticipant(reader)) {
            return notAParticipant(command.commandId(), command.conversationId(), reader);
        }
        if (command.upToVersion() != null && command.upToVersion() < 0) {
            return reject(command.commandId(), command.conversationId(), reader, RejectionCode.INVALID,
                    "upToVersion must not be negative");
        }
        long upTo = command.upToVersion() == null ? state.version() : Math.min(command.upToVersion(), state.version());
        long current = state.readPosition(reader);
        boolean nothingNewToRead = state.latestMessageNotBy(reader) <= current || upTo <= current;
        if (nothingNewToRead) {
            return new Decision(List.of(), new CommandAccepted(command.commandId(), command.conversationId(), reader,
                    null, false, current, state.version()));
        }
        MessagesRead read = new MessagesRead(command.conversationId(), state.version() + 1, reader, upTo,
                state.participants(), DecisionTime.now(clock));
        return new Decision(List.of(read), new CommandAccepted(command.commandId(), command.conversationId(), reader,
                null, false, upTo, read.version()));
    }

    private Optional<Problem> validate(SendMessage command) {
        if (!Ids.isValidUserId(command.senderId())) {
            return Optional.of(Problem.invalid("sender id is not a valid user id"));
        }
        if (command.recipientId() != null && !Ids.isValidUserId(command.recipientId())) {
            return Optional.of(Problem.invalid("recipient id is not a valid user id"));
        }
        if (command.clientMessageId() == null || command.clientMessageId().isBlank()) {
            return Optional.of(Problem.invalid("clientMessageId must not be blank"));
        }
        if (command.clientMessageId().length() > MAX_CLIENT_MESSAGE_ID) {
            return Optional.of(Problem.invalid("clientMessageId is longer than " + MAX_CLIENT_MESSAGE_ID + " characters"));
        }
        if (command.replyTo() != null && command.replyTo().isBlank()) {
            return Optional.of(Problem.invalid("replyTo must be a message id"));
        }
        MessageType type = typeOf(command);
        if (type == null) {
            return Optional.of(Problem.invalid("unknown message type '" + command.type() + "' (expected text, image or file)"));
        }
        Optional<Problem> content = contentRule.problem(command.content(), type != MessageType.TEXT);
        if (content.isPresent()) {
            return content;
        }
        if (type != MessageType.TEXT && command.attachments().isEmpty()) {
            return Optional.of(Problem.invalid("a " + type.wireName() + " message needs at least one attachment"));
        }
        if (command.attachments().size() > MAX_ATTACHMENTS) {
            return Optional.of(Problem.invalid("at most " + MAX_ATTACHMENTS + " attachments"));
        }
        for (Attachment attachment : command.attachments()) {
            if (attachment == null || attachment.url() == null || attachment.url().isBlank()) {
                return Optional.of(Problem.invalid("every attachment needs a url"));
            }
            if (attachment.isUpload()) {
                // A file uploaded to the platform: the gateway resolved it (the uploader's, for this message).
                if (!attachment.url().equals(Attachment.uploadedUrl(attachment.id()))) {
                    return Optional.of(Problem.invalid("an uploaded attachment's url must be "
                            + Attachment.uploadedUrl(attachment.id())));
                }
                continue;
            }
            Optional<String> badUrl = urls.problem("attachment url", attachment.url());
            if (badUrl.isPresent()) {
                return badUrl.map(Problem::invalid);
            }
        }
        return Optional.empty();
    }

    private static MessageType typeOf(SendMessage command) {
        return command.type() == null ? MessageType.TEXT : MessageType.fromWire(command.type());
    }


    private static Decision notAParticipant(String commandId, String conversationId, String user) {
        return Rejections.notAParticipant(commandId, conversationId, user);
    }

    private static Decision reject(String commandId, String conversationId, String user, RejectionCode code,
            String reason) {
        return Rejections.reject(commandId, conversationId, user, code, reason);
    }
}
