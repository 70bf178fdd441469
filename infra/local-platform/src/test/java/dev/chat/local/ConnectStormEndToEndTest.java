package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.bench.StormRun;
import org.junit.jupiter.api.Test;

/**
 * A CI-sized connect storm, with the benchmark's own storm: 2,000 sessions over two gateways, the
 * first killed with {@code kill -9}. Every one of its sessions comes back (to the other gateway, or to it once
 * the launcher restarted it) and resumes by cursor, and every message sent during the storm — to its users and
 * to the other gateway's — arrives exactly once.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.TWO_GATEWAYS)
class ConnectStormEndToEndTest {

    @Test
    void everySessionOfAKilledGatewayComesBackAndEveryMessageSentMeanwhileArrivesOnce() throws Exception {
        LocalPlatform platform = SharedPlatforms.platform();
        StormRun.Result storm = StormRun.run("storm",
                "--gateway", "http://localhost:" + platform.gatewayPort(0) + ",http://localhost:" + platform.gatewayPort(1),
                "--sessions", "2000", "--rate", "500", "--messages", "100", "--user-prefix", "storm");

        assertThat(storm.killed()).isEqualTo(1000);
        assertThat(storm.notBack()).as(storm.toString()).isZero();
        assertThat(storm.missing()).as(storm.toString()).isZero();
        assertThat(storm.duplicates()).as(storm.toString()).isZero();
        assertThat(storm.delivered()).isEqualTo(100);
    }
}
