package dev.chat.servicekit.readmodels;

import java.util.List;

/**
 * The read models' collections. projection-service alone writes them (and can drop and rebuild them from
 * the log); other services only read them, through the typed mappings next to this class.
 */
public final class ReadModels {

    /** One document per conversation: participants, last message, unread count and read position per user. */
    public static final String CONVERSATIONS = "conversation_views";
    /** Every message, with isRead/readAt as the original API had them; keyed by {@code <conversationId>:<version>}. */
    public static final String HISTORY = "message_history";
    /** Latest profile per user from chat.users.v1. */
    public static final String PROFILES = "user_profiles";
    /** Where each message is: its id to its conversation and version ({@link MessageLocation}). */
    public static final String MESSAGE_LOCATIONS = "message_locations";

    /**
     * Per conversation, the highest version each member's devices got ({@link MessageDeliveries}); rebuilt from
     * chat.deliveries.v1 as far back as it keeps them (read messages count as delivered anyway).
     */
    public static final String DELIVERIES = "message_deliveries";

    public static final List<String> ALL = List.of(CONVERSATIONS, HISTORY, PROFILES, MESSAGE_LOCATIONS, DELIVERIES);

    /** Not a read model: which layout the read models are in (kept across rebuilds). */
    public static final String LAYOUT = "projection_layout";

    private ReadModels() {
    }
}
