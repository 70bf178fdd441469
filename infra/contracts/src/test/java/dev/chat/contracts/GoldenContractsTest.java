package dev.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Every contract type has a golden JSON example. Reading it must give exactly the expected record and
 * writing that record must give back the same JSON, so any accidental contract change (a renamed
 * field, a changed date format, a dropped property) fails the build.
 */
class GoldenContractsTest {

    private static final List<String> PARTICIPANTS = List.of("alice", "bob");
    private static final List<Attachment> ATTACHMENTS =
            List.of(new Attachment("https://cdn.example.com/a/lunch.jpg", "image/jpeg", "lunch.jpg"));
    private static final MessageSent MESSAGE = new MessageSent("9a3e7c1d-5b2f-4e6a-8c0d-112233445566",
            "dm.alice.bob", 2, "alice", PARTICIPANTS, "c-42", "Hi Bob! Lunch?", MessageType.IMAGE, ATTACHMENTS,
            Instant.parse("2026-11-24T09:15:30.200Z"));

    private static final String GROUP = "grp.3f2a9c4e-8b1d-4e6f-9a0b-5c7d8e9f0a1b";

    static final Map<ContractType, Object> EXPECTED = new EnumMap<>(Map.ofEntries(
            Map.entry(ContractType.SEND_MESSAGE, new SendMessage("6f1c2b9e-3d4a-4b8e-9a51-0c7d2e1f3a10", "dm.alice.bob",
                    "alice", "bob", "c-42", "Hi Bob! Lunch?", "image", ATTACHMENTS,
                    Instant.parse("2026-11-24T09:15:30.123Z"))),
            Map.entry(ContractType.MARK_CONVERSATION_READ, new MarkConversationRead("0b8e4f7c-1a2b-4c3d-8e9f-001122334455",
                    "dm.alice.bob", "bob", 2L, Instant.parse("2026-11-24T09:16:00Z"))),
            Map.entry(ContractType.CONVERSATION_STARTED, new ConversationStarted("dm.alice.bob", 1, "direct", PARTICIPANTS,
                    "alice", Instant.parse("2026-11-24T09:15:30.200Z"))),
            Map.entry(ContractType.MESSAGE_SENT, MESSAGE),
            Map.entry(ContractType.MESSAGES_READ, new MessagesRead("dm.alice.bob", 3, "bob", 2, PARTICIPANTS,
                    Instant.parse("2026-11-24T09:16:00.010Z"))),
            Map.entry(ContractType.COMMAND_ACCEPTED, new CommandAccepted("6f1c2b9e-3d4a-4b8e-9a51-0c7d2e1f3a10",
                    "dm.alice.bob", "alice", MESSAGE, false, null, 2L)),
            Map.entry(ContractType.COMMAND_REJECTED, new CommandRejected("7d2a1c3b-0000-4000-8000-00000000beef",
                    "dm.alice.bob", "alice", RejectionCode.TOO_LARGE, "content is longer than 4000 characters")),
            Map.entry(ContractType.USER_PROFILE_UPDATED, new UserProfileUpdated("alice", "alice", "Alice Liddell",
                    "https://cdn.example.com/avatars/alice.png", Instant.parse("2026-11-24T08:00:00Z"))),
            Map.entry(ContractType.SESSION_OPENED, new SessionOpened("s-1f2e", "alice", "gateway-a",
                    Instant.parse("2026-11-24T09:00:00Z"))),
            Map.entry(ContractType.SESSION_CLOSED, new SessionClosed("s-1f2e", "alice", "gateway-a",
                    Instant.parse("2026-11-24T10:00:00Z"))),
            Map.entry(ContractType.SESSIONS_HEARTBEAT, new SessionsHeartbeat("alice", "gateway-a",
                    List.of("s-1f2e", "s-77aa"), Instant.parse("2026-11-24T09:00:10Z"),
                    Instant.parse("2026-11-24T09:00:03Z"))),
            Map.entry(ContractType.PRESENCE_CHANGED, new PresenceChanged("alice", false,
                    Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:00:05Z"))),
            Map.entry(ContractType.INDICATE_TYPING, new IndicateTyping("dm.alice.bob", "alice", true, PARTICIPANTS,
                    Instant.parse("2026-11-24T09:15:29Z"))),
            Map.entry(ContractType.CONVERSATION_VIEW, new ConversationView("dm.alice.bob", 3, "direct", PARTICIPANTS,
                    Instant.parse("2026-11-24T09:15:30.100Z"), new ConversationView.LastMessage(MESSAGE.messageId(),
                            "alice", "Hi Bob! Lunch?", MessageType.IMAGE, 2, MESSAGE.sentAt()), MESSAGE.sentAt(),
                    Map.of("alice", 0L, "bob", 0L), Map.of("alice", 0L, "bob", 2L), null, null, null, null,
                    List.of("alice"))),
            Map.entry(ContractType.CREATE_GROUP, new CreateGroup(command(1), GROUP, "alice", "Lunch crew",
                    List.of("bob", "carol"), Instant.parse("2026-11-24T09:00:00Z"))),
            Map.entry(ContractType.ADD_MEMBERS, new AddMembers(command(2), GROUP, "alice", List.of("dave"),
                    Instant.parse("2026-11-24T09:05:00Z"))),
            Map.entry(ContractType.REMOVE_MEMBER, new RemoveMember(command(3), GROUP, "carol", "carol",
                    Instant.parse("2026-11-24T09:10:00Z"))),
            Map.entry(ContractType.RENAME_GROUP, new RenameGroup(command(4), GROUP, "bob", "Friday lunch",
                    Instant.parse("2026-11-24T09:12:00Z"))),
            Map.entry(ContractType.EDIT_MESSAGE, new EditMessage(command(5), "dm.alice.bob", "alice", MESSAGE.messageId(),
                    "Hi Bob! Lunch at noon?", Instant.parse("2026-11-24T09:17:00Z"))),
            Map.entry(ContractType.DELETE_MESSAGE, new DeleteMessage(command(6), "dm.alice.bob", "alice",
                    MESSAGE.messageId(), Instant.parse("2026-11-24T09:18:00Z"))),
            Map.entry(ContractType.REACT_TO_MESSAGE, new ReactToMessage(command(7), "dm.alice.bob", "bob",
                    MESSAGE.messageId(), "\uD83D\uDC4D", true, Instant.parse("2026-11-24T09:16:30Z"))),
            Map.entry(ContractType.REPORT_MESSAGE, new ReportMessage(command(8), "dm.alice.bob", "bob",
                    MESSAGE.messageId(), "spam", "Third time today.", Instant.parse("2026-11-24T09:16:40Z"))),
            Map.entry(ContractType.BLOCK_USER, new BlockUser(command(9), "dm.alice.mallory", "alice", "mallory",
                    Instant.parse("2026-11-24T09:17:00Z"))),
            Map.entry(ContractType.UNBLOCK_USER, new UnblockUser("1c2d3e4f-0000-4000-8000-00000000000a",
                    "dm.alice.mallory", "alice", "mallory", Instant.parse("2026-11-24T09:18:00Z"))),
            Map.entry(ContractType.BLOCK_CHANGED, new BlockChanged("dm.alice.mallory", "alice", "mallory", true,
                    Instant.parse("2026-11-24T09:17:00.010Z"))),
            Map.entry(ContractType.MESSAGES_DELIVERED, new MessagesDelivered(GROUP, List.of("alice", "bob", "carol"),
                    List.of(new MessagesDelivered.Delivery("bob", MESSAGE.messageId(), 2,
                                    Instant.parse("2026-11-24T09:16:01.250Z")),
                            new MessagesDelivered.Delivery("carol", MESSAGE.messageId(), 2,
                                    Instant.parse("2026-11-24T09:16:01.400Z"))))),
            Map.entry(ContractType.MESSAGE_REPORTED, new MessageReported(
                    MessageReported.idOf("dm.alice.bob", MESSAGE.messageId(), "bob"), "dm.alice.bob",
                    MESSAGE.messageId(), 2, "alice", "bob", ReportReason.SPAM, "Third time today.", "Hi Bob! Lunch?",
                    Instant.parse("2026-11-24T09:16:40.010Z"))),
            Map.entry(ContractType.GROUP_CREATED, new GroupCreated(GROUP, 1, "Lunch crew", List.of("alice", "bob", "carol"),
                    List.of("alice"), "alice", Instant.parse("2026-11-24T09:00:00.010Z"))),
            Map.entry(ContractType.MEMBERS_ADDED, new MembersAdded(GROUP, 2, "alice", List.of("dave"),
                    List.of("alice", "bob", "carol", "dave"), Instant.parse("2026-11-24T09:05:00.010Z"))),
            Map.entry(ContractType.MEMBER_REMOVED, new MemberRemoved(GROUP, 3, "carol", "carol",
                    List.of("alice", "bob", "dave"), List.of("alice"), Instant.parse("2026-11-24T09:10:00.010Z"))),
            Map.entry(ContractType.GROUP_RENAMED, new GroupRenamed(GROUP, 4, "bob", "Friday lunch",
                    List.of("alice", "bob", "dave"), Instant.parse("2026-11-24T09:12:00.010Z"))),
            Map.entry(ContractType.MESSAGE_EDITED, new MessageEdited("dm.alice.bob", 4, MESSAGE.messageId(), 2, "alice",
                    "Hi Bob! Lunch at noon?", PARTICIPANTS, Instant.parse("2026-11-24T09:17:00.010Z"))),
            Map.entry(ContractType.MESSAGE_DELETED, new MessageDeleted("dm.alice.bob", 5, MESSAGE.messageId(), 2, "alice",
                    "alice", PARTICIPANTS, Instant.parse("2026-11-24T09:18:00.010Z"))),
            Map.entry(ContractType.REACTION_ADDED, new ReactionAdded("dm.alice.bob", 3, MESSAGE.messageId(), 2, "bob",
                    "\uD83D\uDC4D", PARTICIPANTS, Instant.parse("2026-11-24T09:16:30.010Z"))),
            Map.entry(ContractType.REACTION_REMOVED, new ReactionRemoved("dm.alice.bob", 6, MESSAGE.messageId(), 2, "bob",
                    "\uD83D\uDC4D", PARTICIPANTS, Instant.parse("2026-11-24T09:19:00.010Z")))));

    private static String command(int n) {
        return "1c2d3e4f-0000-4000-8000-00000000000" + n;
    }

    static byte[] golden(ContractType type) throws IOException {
        try (InputStream in = GoldenContractsTest.class.getResourceAsStream("/golden/" + type.typeName() + ".json")) {
            assertThat(in).as("golden example for %s", type.typeName()).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void goldenExampleReadsAsTheExpectedRecord(ContractType type) throws IOException {
        Object read = ChatJson.mapper().readValue(golden(type), type.javaType());

        assertThat(read).isEqualTo(EXPECTED.get(type));
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void expectedRecordWritesAsTheGoldenExample(ContractType type) throws IOException {
        JsonNode written = ChatJson.mapper().readTree(ChatJson.mapper().writeValueAsBytes(EXPECTED.get(type)));

        assertThat(written).isEqualTo(ChatJson.mapper().readTree(golden(type)));
    }

    @ParameterizedTest
    @EnumSource(ContractType.class)
    void unknownFieldsAreIgnoredSoContractsCanGrow(ContractType type) throws IOException {
        String withExtra = new String(golden(type)).replaceFirst("\\{", "{\"addedInAFutureVersion\": {\"x\": 1},");

        assertThat(ChatJson.mapper().readValue(withExtra, type.javaType())).isEqualTo(EXPECTED.get(type));
    }

    @Test
    void aReplyCarriesAQuoteOfTheMessageItAnswersAndAMessageWithoutOneReadsAsBefore() throws IOException {
        MessageSent reply = new MessageSent("0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3", "dm.alice.bob", 3, "bob",
                PARTICIPANTS, "c-43", "Yes!", MessageType.TEXT, List.of(), Instant.parse("2026-11-24T09:16:10.100Z"),
                new ReplyPreview(MESSAGE.messageId(), "alice", "Hi Bob! Lunch?"));
        byte[] golden;
        try (InputStream in = GoldenContractsTest.class.getResourceAsStream("/golden/chat.message.sent.v1.reply.json")) {
            golden = in.readAllBytes();
        }

        assertThat(ChatJson.mapper().readValue(golden, MessageSent.class)).isEqualTo(reply);
        assertThat(ChatJson.mapper().readTree(ChatJson.mapper().writeValueAsBytes(reply)))
                .isEqualTo(ChatJson.mapper().readTree(golden));
        assertThat(MESSAGE.replyTo()).isNull();
    }

    @Test
    void aReplyPreviewIsTheStartOfTheContent() {
        assertThat(ReplyPreview.of("  short  ")).isEqualTo("short");
        String longText = "\uD83D\uDE00".repeat(150);
        String preview = ReplyPreview.of(longText);
        assertThat(preview.codePointCount(0, preview.length())).isEqualTo(ReplyPreview.MAX_PREVIEW);
        assertThat(preview).endsWith("…").startsWith("\uD83D\uDE00");
    }
}
