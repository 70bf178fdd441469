package dev.chat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private final DeliveryLedger ledger = new DeliveryLedger();

    @Test
    void inOrderDeliveriesAreCleanAndComplete() {
        assertThat(ledger.delivered(0, 2)).isTrue();
        assertThat(ledger.delivered(1, 3)).isTrue();
        assertThat(ledger.delivered(2, 4)).isTrue();

        assertThat(ledger.lost(3, new BitSet())).isZero();
        assertThat(ledger.duplicated()).isZero();
        assertThat(ledger.reordered()).isZero();
        assertThat(ledger.delivered()).isEqualTo(3);
    }

    @Test
    void aVersionSeenTwiceIsADuplicateAndCountsOnce() {
        ledger.delivered(0, 2);
        assertThat(ledger.delivered(0, 2)).isFalse();

        assertThat(ledger.duplicated()).isEqualTo(1);
        assertThat(ledger.delivered()).isEqualTo(1);
    }

    @Test
    void anOlderVersionAfterANewerOneIsReordered() {
        ledger.delivered(1, 3);
        ledger.delivered(0, 2);

        assertThat(ledger.reordered()).isEqualTo(1);
        assertThat(ledger.lost(2, new BitSet())).isZero();
    }

    @Test
    void aMessageNeverDeliveredIsLostUnlessItWasRefused() {
        ledger.delivered(0, 2);
        ledger.delivered(2, 3);
        BitSet refused = new BitSet();

        assertThat(ledger.lost(4, refused)).isEqualTo(2);
        refused.set(3);
        assertThat(ledger.lost(4, refused)).isEqualTo(1);
    }
}
