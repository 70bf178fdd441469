package dev.chat.gateway.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesDelivered;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a gateway gathers between two publications of delivery receipts. */
class DeliveryBatchTest {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final List<String> GROUP = List.of("ann", "ben", "cat");
    private final DeliveryBatch batch = new DeliveryBatch();

    @Test
    void oneRecordPerConversationWithEachReceiversFurthestMessage() {
        for (int version = 2; version <= 40; version++) {
            batch.add(sent("grp.g", version, GROUP), "ben", T.plusMillis(version));
            batch.add(sent("grp.g", version, GROUP), "ben", T.plusMillis(version)); // his second device
        }
        batch.add(sent("grp.g", 7, GROUP), "cat", T);
        batch.add(sent("dm.ann.ben", 5, List.of("ann", "ben")), "ben", T);
        // A late copy of an older message (a device resuming) does not move ben back.
        batch.add(sent("grp.g", 3, GROUP), "ben", T.plusSeconds(1));

        List<MessagesDelivered> drained = batch.drain();

        assertThat(drained).hasSize(2);
        MessagesDelivered group = drained.stream().filter(d -> d.conversationId().equals("grp.g")).findFirst().orElseThrow();
        assertThat(group.participants()).isEqualTo(GROUP);
        assertThat(group.deliveries()).extracting(MessagesDelivered.Delivery::userId, MessagesDelivered.Delivery::upToVersion,
                MessagesDelivered.Delivery::messageId).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ben", 40L, "m-40"),
                        org.assertj.core.groups.Tuple.tuple("cat", 7L, "m-7"));
        assertThat(batch.size()).isZero();
        assertThat(batch.drain()).isEmpty();
    }

    @Test
    void aRecordThatCouldNotBePublishedComesBackUnderWhatCameSince() {
        batch.add(sent("grp.g", 4, GROUP), "ben", T);
        batch.add(sent("grp.g", 4, GROUP), "cat", T);
        MessagesDelivered failed = batch.drain().get(0);
        batch.add(sent("grp.g", 6, GROUP), "ben", T.plusSeconds(1));

        batch.restore(failed);

        assertThat(batch.drain()).singleElement().satisfies(d -> assertThat(d.deliveries())
                .extracting(MessagesDelivered.Delivery::userId, MessagesDelivered.Delivery::upToVersion)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ben", 6L),
                        org.assertj.core.groups.Tuple.tuple("cat", 4L)));
    }

    @Test
    void theMembersAreThoseOfTheLatestMessage() {
        batch.add(sent("grp.g", 9, List.of("ann", "ben", "cat", "dan")), "ben", T);
        batch.add(sent("grp.g", 8, GROUP), "cat", T);

        assertThat(batch.drain().get(0).participants()).containsExactly("ann", "ben", "cat", "dan");
    }

    private static DeliveredMessage sent(String conversationId, long version, List<String> participants) {
        return DeliveredMessage.of(new MessageSent("m-" + version, conversationId, version, "ann", participants,
                "c-" + version, "hi", MessageType.TEXT, List.of(), T));
    }
}
