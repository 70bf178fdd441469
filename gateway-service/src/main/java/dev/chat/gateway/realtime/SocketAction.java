package dev.chat.gateway.realtime;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every action a client can ask for on a socket, by its name on the wire: a {@code /ws} frame's {@code event},
 * an RSocket route after {@code chat.} (the few that differ have an alias), a Socket.IO event. A new action is a
 * constant here and a case in {@link SocketDispatcher}; no protocol endpoint names actions.
 */
enum SocketAction {
    /** The original app's first frame: starts the live stream if nothing else did. */
    JOIN("join"),
    /** Starts the stream after a cursor: exactly what was missed, then live. */
    RESUME("resume"),
    SEND("sendMessage", "send"),
    MARK_READ("markAsRead", "read"),
    TYPING("typing"),
    STOP_TYPING("stopTyping"),
    EDIT("editMessage"),
    DELETE("deleteMessage"),
    REACT("react"),
    UNREACT("unreact"),
    /** A message reported to moderation (as {@code POST /api/messages/:id/report}). */
    REPORT("reportMessage"),
    CREATE_GROUP("createGroup"),
    RENAME_GROUP("renameGroup"),
    ADD_MEMBERS("addMembers"),
    REMOVE_MEMBER("removeMember"),
    /** Who of the users named is online, and since when (contacts only, as on REST). */
    PRESENCE("presence");

    private static final Map<String, SocketAction> BY_NAME = Arrays.stream(values())
            .flatMap(a -> a.alias == null ? java.util.stream.Stream.of(Map.entry(a.wireName, a))
                    : java.util.stream.Stream.of(Map.entry(a.wireName, a), Map.entry(a.alias, a)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    private final String wireName;
    private final String alias;

    SocketAction(String wireName) {
        this(wireName, null);
    }

    SocketAction(String wireName, String alias) {
        this.wireName = wireName;
        this.alias = alias;
    }

    String wireName() {
        return wireName;
    }

    static Optional<SocketAction> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
