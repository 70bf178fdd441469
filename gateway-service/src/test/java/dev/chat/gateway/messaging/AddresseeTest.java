package dev.chat.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.commands.Refusal;
import org.junit.jupiter.api.Test;

class AddresseeTest {

    @Test
    void theReceiverOrTheOtherParticipantOfTheDirectConversation() {
        assertThat(Addressee.of("alice", "bob", null).recipient()).isEqualTo("bob");
        assertThat(Addressee.of("alice", "bob", "dm.alice.carol").recipient()).isEqualTo("bob");
        assertThat(Addressee.of("alice", null, "dm.alice.bob").recipient()).isEqualTo("bob");
        assertThat(Addressee.of("bob", " ", "dm.alice.bob").recipient()).isEqualTo("alice");
    }

    @Test
    void refusalsSayWhyInTheSameWordsForEveryProtocol() {
        assertThat(refusal("alice", "alice", null)).isEqualTo(Refusal.invalid("cannot send to yourself"));
        assertThat(refusal("alice", "no spaces", null)).isEqualTo(Refusal.invalid("receiverId must be a valid user id"));
        assertThat(refusal("alice", null, null))
                .isEqualTo(Refusal.invalid("receiverId or a conversationId is required"));
        assertThat(refusal("alice", null, "dm.bob.alice"))
                .isEqualTo(Refusal.invalid("receiverId or a conversationId is required"));
        assertThat(refusal("alice", null, "dm.bob.carol")).isEqualTo(new Refusal(Refusal.Code.NOT_A_PARTICIPANT,
                "you are not a participant of dm.bob.carol"));
    }

    private static Refusal refusal(String me, String receiverId, String conversationId) {
        Addressee addressee = Addressee.of(me, receiverId, conversationId);
        assertThat(addressee.found()).isFalse();
        return addressee.refusal();
    }
}
