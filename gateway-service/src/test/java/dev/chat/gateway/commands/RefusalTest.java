package dev.chat.gateway.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.CommandRejected;
import dev.chat.contracts.RejectionCode;
import dev.chat.gateway.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every refusal message-service can answer with reaches the user with its reason, on REST as a status. */
class RefusalTest {

    @ParameterizedTest
    @EnumSource(RejectionCode.class)
    void everyRejectionCodeIsARefusalWithAStatus(RejectionCode code) {
        Refusal refusal = Refusal.of(new CommandRejected("cmd", "dm.alice.bob", "alice", code, "because"));

        ApiException answer = RestRefusals.exception(refusal);

        assertThat(refusal.code().name()).isEqualTo(code.name());
        assertThat(answer.getMessage()).contains("because");
        assertThat(answer.status().is4xxClientError()).isTrue();
    }
}
