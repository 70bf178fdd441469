package dev.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void directConversationIdIsTheSameFromBothSides() {
        assertThat(Ids.directConversationId("bob", "alice"))
                .isEqualTo(Ids.directConversationId("alice", "bob"))
                .isEqualTo("dm.alice.bob");
    }

    @Test
    void participantsAreRecoveredFromADirectId() {
        assertThat(Ids.directParticipants("dm.alice.bob")).containsExactly("alice", "bob");
        assertThat(Ids.directParticipants("dm.bob.alice")).as("not canonical").isEmpty();
        assertThat(Ids.directParticipants("group.x")).isEmpty();
        assertThat(Ids.directParticipants("dm.a.b.c")).isEmpty();
    }

    @Test
    void userIdsCannotBreakKeysOrPaths() {
        assertThat(Ids.isValidUserId("64f0c2a9e1b2c3d4e5f60718")).isTrue();
        assertThat(Ids.isValidUserId("a.b")).isFalse();
        assertThat(Ids.isValidUserId("$where")).isFalse();
        assertThat(Ids.isValidUserId("")).isFalse();
        assertThat(Ids.isValidUserId(null)).isFalse();
        assertThatThrownBy(() -> Ids.directConversationId("alice", "a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
