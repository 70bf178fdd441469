package dev.chat.notifier.people;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.chat.notifier.rules.EmailSchedule;
import dev.chat.notifier.rules.Preferences;
import dev.chat.testkit.ChatTestKit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Two notifier instances over one store: what one learns of who can be reached, the other sees before its next
 * batch, though each keeps it in memory — a user who gives an email address or subscribes a device is reachable,
 * one who switches both off is not, wherever the change was made (within half a second: each looks at the change
 * log at most that often).
 */
class ReachabilityTest {

    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void connect() {
        String database = "reachability_" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(ChatTestKit.get().mongoUri(database));
        mongo = new MongoTemplate(client, database);
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    /** The instances' clock, moved on by the test: each looks at the change log at most twice a second. */
    private static final class TestClock extends Clock {
        private volatile Instant now = Instant.now();

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static final TestClock clock = new TestClock();

    /** One instance's view of the store: its own change log reader, preferences and subscriptions. */
    private record Instance(Reachability reachability, PreferencesStore preferences, PushSubscriptions subscriptions) {

        static Instance start() {
            SettingsChanges changes = new SettingsChanges(mongo, clock);
            PreferencesStore preferences = new PreferencesStore(mongo, changes);
            PushSubscriptions subscriptions = new PushSubscriptions(mongo, changes);
            return new Instance(new Reachability(preferences, subscriptions, changes), preferences, subscriptions);
        }
    }

    @Test
    void aChangeThroughOneInstanceIsSeenByTheOtherBeforeItsNextBatch() {
        Instance one = Instance.start();
        Instance two = Instance.start();
        String ann = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        String ben = "ben-" + UUID.randomUUID().toString().substring(0, 8);
        one.preferences().change(ann, p -> new Preferences("ann@example.test", EmailSchedule.AFTER_DELAY, p.level(),
                p.quietHours(), p.snoozeUntil(), p.conversations()));
        // Both load everything at their first batch; from then on they follow the change log.
        assertThat(one.reachability().among(List.of(ann, ben))).containsOnlyKeys(ann);
        assertThat(two.reachability().among(List.of(ann, ben))).containsOnlyKeys(ann);

        PushSubscription device = two.subscriptions().save(ben, "https://push.example.test/" + ben, "key", "auth",
                null, Instant.now());
        two.preferences().change(ann, Preferences::withoutEmails);
        // Not yet: each looked at the log less than half a second ago.
        assertThat(one.reachability().among(List.of(ann, ben))).containsOnlyKeys(ann);
        clock.pass(SettingsChanges.LOOK_EVERY);

        assertThat(one.reachability().among(List.of(ann, ben))).containsOnlyKeys(ben);
        assertThat(two.reachability().among(List.of(ann, ben))).containsOnlyKeys(ben);

        one.subscriptions().expired(device);
        clock.pass(SettingsChanges.LOOK_EVERY);
        assertThat(two.reachability().among(List.of(ann, ben))).isEmpty();
        assertThat(one.reachability().among(List.of(ann, ben))).isEmpty();
    }
}
