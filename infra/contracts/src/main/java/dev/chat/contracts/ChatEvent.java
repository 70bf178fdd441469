package dev.chat.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened in a conversation, published to {@link Topics#EVENTS} (the source of
 * truth), keyed by conversation id. Every event carries the conversation's version: 1, 2, 3 … with
 * no gaps and no repeats, so consumers order, dedupe and resume by it.
 */
public sealed interface ChatEvent permits ConversationStarted, MessageSent, MessagesRead, GroupCreated, MembersAdded,
        MemberRemoved, GroupRenamed, MessageEdited, MessageDeleted, ReactionAdded, ReactionRemoved {

    String conversationId();

    long version();

    /** Everyone in the conversation, so a consumer can route without a lookup. */
    List<String> participants();

    Instant occurredAt();

    /** A stable event id: re-emitting the same decision yields the same id. */
    default String eventId() {
        return conversationId() + ":" + version();
    }
}
