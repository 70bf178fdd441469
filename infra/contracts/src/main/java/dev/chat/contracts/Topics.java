package dev.chat.contracts;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The topic catalogue: every topic the platform uses, who writes it and who reads it. */
public final class Topics {

    /**
     * The event catalogue (AsyncAPI 3.0: every topic below, every type on it, its schema and an example), a
     * classpath resource of this module; its source is {@code docs/events/asyncapi.yaml}.
     */
    public static final String CATALOGUE_RESOURCE = "dev/chat/contracts/asyncapi.yaml";

    /** Retention of dead-letter topics: long enough for someone to look, fix and replay. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    public static final TopicSpec COMMANDS = new TopicSpec(
            "chat.commands.v1", "conversationId", 12, false, Duration.ofDays(7),
            "gateway-service", List.of("message-service"),
            "Requests to change a conversation (send, read, groups, edits, deletes, reactions, reports, blocks); keyed by "
                    + "conversation so each conversation's commands are decided in order.");

    public static final TopicSpec EVENTS = new TopicSpec(
            "chat.events.v1", "conversationId", 12, false, null,
            "message-service", List.of("projection-service", "gateway-service", "notifier-service", "external consumers"),
            "The source of truth: conversation events with per-conversation versions 1, 2, 3 … Kept forever.");

    public static final TopicSpec OUTCOMES = new TopicSpec(
            "chat.outcomes.v1", "conversationId", 12, false, Duration.ofHours(1),
            "message-service", List.of("gateway-service"),
            "The accepted/rejected answer to every command, correlated by command id.");

    public static final TopicSpec USERS = new TopicSpec(
            "chat.users.v1", "userId", 6, true, null,
            "gateway-service", List.of("projection-service"),
            "User profiles (username, full name, avatar URL); compacted, latest per user wins.");

    public static final TopicSpec PRESENCE_SIGNALS = new TopicSpec(
            "chat.presence-signals.v1", "userId", 6, false, Duration.ofHours(1),
            "gateway-service", List.of("presence-service", "notifier-service"),
            "Sessions opened and closed, and periodic heartbeats of the sessions each gateway holds.");

    public static final TopicSpec PRESENCE = new TopicSpec(
            "chat.presence.v1", "userId", 6, true, null,
            "presence-service", List.of("gateway-service", "notifier-service", "external consumers"),
            "Online/offline with lastSeenAt; compacted, the latest record per user is their presence.");

    public static final TopicSpec TYPING = new TopicSpec(
            "chat.typing.v1", "conversationId", 6, false, Duration.ofMinutes(5),
            "gateway-service", List.of("gateway-service"),
            "Typing started/stopped; ephemeral, fanned out by every gateway to the other participants.");

    public static final TopicSpec CONVERSATION_VIEWS = new TopicSpec(
            "chat.conversation-views.v1", "conversationId", 12, true, null,
            "projection-service", List.of("gateway-service", "external consumers"),
            "Each conversation's read model (last message, unread counts, read positions) after every change; compacted.");

    public static final TopicSpec REPORTS = new TopicSpec(
            "chat.reports.v1", "conversationId", 3, false, Duration.ofDays(90),
            "message-service", List.of("moderation consumers"),
            "Messages reported by members (reason, note, an excerpt), one record per reporter and message; kept 90 "
                    + "days for a moderation tool to take in. Not on chat.events.v1, which the reported sender reads.");

    public static final TopicSpec BLOCKS = new TopicSpec(
            "chat.blocks.v1", "blockerId.blockedId", 3, true, null,
            "message-service", List.of("gateway-service"),
            "Who blocks whom: one record per pair and change, compacted, the latest per pair is its block. The "
                    + "gateways hide a blocker's presence and typing from the blocked. Not on chat.events.v1.");

    public static final TopicSpec DELIVERIES = new TopicSpec(
            "chat.deliveries.v1", "conversationId", 6, false, Duration.ofDays(7),
            "gateway-service", List.of("gateway-service", "projection-service"),
            "Delivery receipts: the messages a gateway wrote to a receiver's live session, at most one record per "
                    + "conversation and gateway per interval. The gateways tell the other members' devices "
                    + "(messageDelivered); projection-service keeps each member's highest for history. Not versioned, "
                    + "not on chat.events.v1.");

    private Topics() {
    }

    /** Every topic, dead-letter companions excluded. */
    public static List<TopicSpec> all() {
        return List.of(COMMANDS, EVENTS, OUTCOMES, CONVERSATION_VIEWS, USERS, PRESENCE_SIGNALS, PRESENCE, TYPING, REPORTS,
                BLOCKS, DELIVERIES);
    }

    /** The dead-letter companion of a topic: few partitions, long retention, same key. */
    public static TopicSpec deadLetterOf(TopicSpec spec, String producer) {
        return new TopicSpec(spec.deadLetterTopic(), spec.key(), 3, false, DEAD_LETTER_RETENTION,
                producer, List.of("operators"),
                "Records of " + spec.name() + " that could not be decoded or processed; reason in headers.");
    }

    /** Every topic including the dead-letter topics of the topics that are consumed. */
    public static List<TopicSpec> allWithDeadLetters() {
        return Stream.concat(all().stream(), Stream.of(
                        deadLetterOf(COMMANDS, "message-service"),
                        deadLetterOf(EVENTS, "projection-service, notifier-service"),
                        deadLetterOf(USERS, "projection-service"),
                        deadLetterOf(PRESENCE_SIGNALS, "presence-service"),
                        deadLetterOf(DELIVERIES, "projection-service")))
                .toList();
    }
}
