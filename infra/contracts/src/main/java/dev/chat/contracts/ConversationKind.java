package dev.chat.contracts;

/**
 * What a conversation is, as {@link ConversationStarted#kind()} and {@link ConversationView#kind()} carry it on the
 * wire: {@link #DIRECT} (two people, its id derived from theirs) or {@link #GROUP} (created, named, with admins).
 */
public final class ConversationKind {

    public static final String DIRECT = "direct";
    public static final String GROUP = "group";

    private ConversationKind() {
    }

    /** A missing kind is direct: views and states written before groups existed have none. */
    public static boolean isGroup(String kind) {
        return GROUP.equals(kind);
    }
}
