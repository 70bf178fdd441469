package dev.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
                    List.of("s-1f2e", "s-77aa"), Instant.parse("2026-11-24T09:00:10Z"))),
            Map.entry(ContractType.PRESENCE_CHANGED, new PresenceChanged("alice", false,
                    Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:00:05Z"))),
            Map.entry(ContractType.INDICATE_TYPING, new IndicateTyping("dm.alice.bob", "alice", true, PARTICIPANTS,
                    Instant.parse("2026-11-24T09:15:29Z"))),
            Map.entry(ContractType.CONVERSATION_VIEW, new ConversationView("dm.alice.bob", 3, "direct", PARTICIPANTS,
                    Instant.parse("2026-11-24T09:15:30.100Z"), new ConversationView.LastMessage(MESSAGE.messageId(),
                            "alice", "Hi Bob! Lunch?", MessageType.IMAGE, 2, MESSAGE.sentAt()), MESSAGE.sentAt(),
                    Map.of("alice", 0L, "bob", 0L), Map.of("alice", 0L, "bob", 2L)))));

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
}
