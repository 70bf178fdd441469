package dev.chat.projection;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ConversationStarted;
import dev.chat.contracts.GroupCreated;
import dev.chat.contracts.GroupRenamed;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MemberRemoved;
import dev.chat.contracts.MembersAdded;
import dev.chat.contracts.MessageDeleted;
import dev.chat.contracts.MessageEdited;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.ReactionAdded;
import dev.chat.contracts.ReactionRemoved;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Writes random but valid histories of direct conversations and groups — sends, partial reads, members
 * added and removed, renames, edits, deletions and reactions — the way message-service would (contiguous
 * versions, only what its rules allow), and says what the read models must show, computed from the log
 * alone.
 */
final class ActionScript {

    /** What the read models must show of one conversation. */
    record Expected(List<String> members, Map<String, Long> unread, String lastMessageId, String lastContent,
            String name, Map<String, ExpectedMessage> messages) {
    }

    /** What the history must show of one message. */
    record ExpectedMessage(String content, boolean deleted, Set<String> reactions) {
    }

    private final Random random;
    private final List<String> users;
    private final Instant start = Instant.parse("2026-11-24T10:00:00Z");
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, List<String>> members = new HashMap<>();
    private final Map<String, List<MessageSent>> sent = new HashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();
    private final Map<String, Set<String>> reactions = new HashMap<>();
    private final List<String> groups = new ArrayList<>();

    ActionScript(Random random, List<String> users) {
        this.random = random;
        this.users = List.copyOf(users);
    }

    Map<String, Long> lastVersions() {
        return versions;
    }

    /** One random step's events (possibly none). */
    List<ChatEvent> step(int step) {
        int choice = random.nextInt(12);
        if (groups.size() < 2 && (choice == 0 || groups.isEmpty())) {
            return createGroup();
        }
        String conversation = random.nextInt(3) == 0 ? direct() : groups.get(random.nextInt(groups.size()));
        List<String> in = members.getOrDefault(conversation, Ids.directParticipants(conversation));
        if (in.isEmpty()) {
            return List.of();
        }
        String actor = in.get(random.nextInt(in.size()));
        boolean group = groups.contains(conversation);
        List<MessageSent> messages = sent.getOrDefault(conversation, List.of());
        List<MessageSent> alive = messages.stream().filter(m -> !deleted.contains(m.messageId())).toList();
        switch (choice) {
            case 1, 2 -> {
                if (versions.containsKey(conversation)) {
                    long upTo = random.nextBoolean() ? versions.get(conversation)
                            : 1 + random.nextInt((int) (long) versions.get(conversation));
                    return List.of(new MessagesRead(conversation, next(conversation), actor, upTo, in, time(conversation)));
                }
            }
            case 3 -> {
                if (group) {
                    List<String> outside = users.stream().filter(u -> !in.contains(u)).toList();
                    if (!outside.isEmpty()) {
                        String joining = outside.get(random.nextInt(outside.size()));
                        List<String> after = new ArrayList<>(in);
                        after.add(joining);
                        members.put(conversation, after);
                        return List.of(new MembersAdded(conversation, next(conversation), in.get(0), List.of(joining),
                                after, time(conversation)));
                    }
                }
            }
            case 4 -> {
                if (group && in.size() > 1) {
                    List<String> after = new ArrayList<>(in);
                    after.remove(actor);
                    members.put(conversation, after);
                    return List.of(new MemberRemoved(conversation, next(conversation), actor, actor, after,
                            List.of(after.get(0)), time(conversation)));
                }
            }
            case 5 -> {
                if (group) {
                    return List.of(new GroupRenamed(conversation, next(conversation), actor, "name " + step, in,
                            time(conversation)));
                }
            }
            case 6 -> {
                if (!alive.isEmpty()) {
                    MessageSent target = alive.get(random.nextInt(alive.size()));
                    return List.of(new MessageEdited(conversation, next(conversation), target.messageId(),
                            target.version(), target.senderId(), "edited " + step, in, time(conversation)));
                }
            }
            case 7 -> {
                if (!alive.isEmpty()) {
                    MessageSent target = alive.get(random.nextInt(alive.size()));
                    deleted.add(target.messageId());
                    return List.of(new MessageDeleted(conversation, next(conversation), target.messageId(),
                            target.version(), target.senderId(), target.senderId(), in, time(conversation)));
                }
            }
            case 8 -> {
                if (!alive.isEmpty()) {
                    MessageSent target = alive.get(random.nextInt(alive.size()));
                    String emoji = random.nextBoolean() ? "\uD83D\uDC4D" : "party";
                    Set<String> mine = reactions.computeIfAbsent(target.messageId(), id -> new LinkedHashSet<>());
                    String key = actor + " " + emoji;
                    return mine.add(key)
                            ? List.of(new ReactionAdded(conversation, next(conversation), target.messageId(),
                                    target.version(), actor, emoji, in, time(conversation)))
                            : List.of(removeReaction(mine, key, conversation, target, actor, emoji, in));
                }
            }
            default -> {
            }
        }
        return send(conversation, actor, "step " + step);
    }

    private ChatEvent removeReaction(Set<String> mine, String key, String conversation, MessageSent target, String actor,
            String emoji, List<String> in) {
        mine.remove(key);
        return new ReactionRemoved(conversation, next(conversation), target.messageId(), target.version(), actor, emoji,
                in, time(conversation));
    }

    private String direct() {
        String a = users.get(random.nextInt(users.size()));
        String b = users.get((users.indexOf(a) + 1 + random.nextInt(users.size() - 1)) % users.size());
        return Ids.directConversationId(a, b);
    }

    private List<ChatEvent> createGroup() {
        String id = Ids.newGroupId();
        List<String> in = new ArrayList<>();
        for (String user : users) {
            if (in.isEmpty() || random.nextBoolean()) {
                in.add(user);
            }
        }
        groups.add(id);
        members.put(id, in);
        return List.of(new GroupCreated(id, next(id), "group " + groups.size(), in, List.of(in.get(0)), in.get(0),
                time(id)));
    }

    private List<ChatEvent> send(String conversation, String sender, String content) {
        List<ChatEvent> events = new ArrayList<>();
        List<String> in = members.getOrDefault(conversation, Ids.directParticipants(conversation));
        if (!versions.containsKey(conversation)) {
            events.add(new ConversationStarted(conversation, next(conversation), "direct", in, sender, time(conversation)));
        }
        long version = next(conversation);
        MessageSent message = new MessageSent(UUID.randomUUID().toString(), conversation, version, sender, in,
                "c" + version, content, MessageType.TEXT, List.of(), time(conversation));
        sent.computeIfAbsent(conversation, k -> new ArrayList<>()).add(message);
        events.add(message);
        return events;
    }

    private long next(String conversation) {
        return versions.merge(conversation, 1L, Long::sum);
    }

    private Instant time(String conversation) {
        return start.plusSeconds(versions.getOrDefault(conversation, 0L));
    }

    /** What the read models must show, straight from the log (each event counted once, whatever redelivery did). */
    static Map<String, Expected> expectedFromLog(List<ChatEvent> log) {
        Map<String, ChatEvent> byId = new LinkedHashMap<>();
        log.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        Map<String, List<ChatEvent>> byConversation = new LinkedHashMap<>();
        byId.values().forEach(e -> byConversation.computeIfAbsent(e.conversationId(), k -> new ArrayList<>()).add(e));
        Map<String, Expected> expected = new HashMap<>();
        byConversation.forEach((conversation, events) -> {
            events.sort(java.util.Comparator.comparingLong(ChatEvent::version));
            expected.put(conversation, expected(events));
        });
        return expected;
    }

    private static Expected expected(List<ChatEvent> events) {
        List<String> in = List.of();
        String name = null;
        Map<String, Long> readUpTo = new HashMap<>();
        Map<String, MessageSent> messages = new LinkedHashMap<>();
        Map<String, String> content = new HashMap<>();
        Set<String> gone = new LinkedHashSet<>();
        Map<String, Set<String>> reacted = new HashMap<>();
        for (ChatEvent event : events) {
            if (event instanceof GroupCreated created) {
                name = created.name();
            } else if (event instanceof GroupRenamed renamed) {
                name = renamed.name();
            } else if (event instanceof MembersAdded added) {
                added.userIds().forEach(u -> readUpTo.put(u, added.version()));
            } else if (event instanceof MemberRemoved removed) {
                readUpTo.remove(removed.userId());
            } else if (event instanceof MessagesRead read) {
                readUpTo.merge(read.readerId(), Math.min(read.upToVersion(), read.version() - 1), Math::max);
            } else if (event instanceof MessageSent message) {
                messages.put(message.messageId(), message);
                content.put(message.messageId(), message.content());
            } else if (event instanceof MessageEdited edited) {
                content.put(edited.messageId(), edited.content());
            } else if (event instanceof MessageDeleted deletion) {
                gone.add(deletion.messageId());
                content.put(deletion.messageId(), "");
                reacted.remove(deletion.messageId());
            } else if (event instanceof ReactionAdded added) {
                reacted.computeIfAbsent(added.messageId(), k -> new LinkedHashSet<>()).add(added.userId() + " " + added.emoji());
            } else if (event instanceof ReactionRemoved removed) {
                reacted.getOrDefault(removed.messageId(), new LinkedHashSet<>()).remove(removed.userId() + " " + removed.emoji());
            }
            in = event.participants();
        }
        Map<String, Long> unread = new HashMap<>();
        for (String member : in) {
            long position = readUpTo.getOrDefault(member, 0L);
            unread.put(member, messages.values().stream()
                    .filter(m -> !m.senderId().equals(member) && m.participants().contains(member))
                    .filter(m -> m.version() > position && !gone.contains(m.messageId()))
                    .count());
        }
        MessageSent last = messages.values().stream().filter(m -> !gone.contains(m.messageId()))
                .reduce((a, b) -> b).orElse(null);
        Map<String, ExpectedMessage> history = new HashMap<>();
        messages.keySet().forEach(id -> history.put(id, new ExpectedMessage(content.get(id), gone.contains(id),
                reacted.getOrDefault(id, Set.of()))));
        return new Expected(in, unread, last == null ? null : last.messageId(),
                last == null ? null : content.get(last.messageId()), name, history);
    }
}
