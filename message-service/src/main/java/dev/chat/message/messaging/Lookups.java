package dev.chat.message.messaging;

import dev.chat.contracts.MessageSent;
import dev.chat.contracts.SendMessage;
import java.util.Optional;

/** What a decision may look up besides the conversation's state: earlier sends and single messages. */
interface Lookups {

    /** The message this sender already sent here with the send's clientMessageId, within the dedupe window. */
    Optional<MessageSent> earlierSend(SendMessage send);

    /** What is known of a message of this conversation; empty if there is no such message here. */
    Optional<MessageFacts> message(String conversationId, String messageId);
}
