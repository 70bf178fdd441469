package dev.chat.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Ids;
import dev.chat.contracts.MessageSent;
import dev.chat.contracts.MessageType;
import dev.chat.contracts.MessagesRead;
import dev.chat.contracts.Topics;
import dev.chat.notifier.people.PreferencesStore;
import dev.chat.notifier.rules.EmailSchedule;
import dev.chat.notifier.rules.Level;
import dev.chat.notifier.rules.Preferences;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import dev.chat.testkit.KafkaProbe;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The email channel end to end inside the notifier: events published to the embedded broker, the state in the
 * Mongo wire server, the email through a real SMTP server (GreenMail).
 */
class EmailNotificationTest extends NotifierTestContext {

    @Autowired
    private PreferencesStore preferences;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void oneEmailWithBothPartsEscapedAndUnsubscribeHeadersAndAReplaySendsNoSecond() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String address = bob + "@example.test";
        wantsEmail(bob, address);
        String dm = Ids.directConversationId(alice, bob);
        publish(sent(dm, 1, alice, bob, "<script>alert(1)</script> lunch?"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain(address).length == 1);
        MimeMessage email = mail.getReceivedMessagesForDomain(address)[0];
        assertThat(email.getSubject()).isEqualTo("1 new message from " + alice);
        assertThat(email.getHeader("List-Unsubscribe")[0])
                .startsWith("<https://chat.example.test/api/notifications/unsubscribe?token=" + bob + ".");
        assertThat(email.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        Map<String, String> parts = parts(email);
        assertThat(parts.keySet()).containsExactlyInAnyOrder("text/plain", "text/html");
        assertThat(parts.get("text/plain")).contains("<script>alert(1)</script> lunch?");
        assertThat(parts.get("text/html")).contains("&lt;script&gt;alert(1)&lt;/script&gt; lunch?")
                .doesNotContain("<script>");

        replayFromTheBeginning();
        // A message after the replay is emailed (so the replay was folded before it), and it is the only new one.
        publish(sent(dm, 2, alice, bob, "after the replay"));
        await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessagesForDomain(address).length >= 2);
        MimeMessage[] all = mail.getReceivedMessagesForDomain(address);
        assertThat(all).hasSize(2);
        String second = parts(all[1]).get("text/plain");
        assertThat(second).contains("after the replay").doesNotContain("lunch?");
    }

    @Test
    void aMessageReadBeforeTheEmailIsDueIsNotEmailed() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String address = bob + "@example.test";
        wantsEmail(bob, address);
        String dm = Ids.directConversationId(alice, bob);
        // The read comes right after the message, well inside the one-second delay; a later message is the marker.
        Instant now = Instant.now();
        publish(sent(dm, 1, alice, bob, "read at once"),
                new MessagesRead(dm, 2, bob, 1, List.of(alice, bob), now),
                sent(dm, 3, alice, bob, "this one is not read"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain(address).length == 1);
        String text = parts(mail.getReceivedMessagesForDomain(address)[0]).get("text/plain");
        assertThat(text).contains("this one is not read").doesNotContain("read at once");
    }

    private void wantsEmail(String user, String address) {
        preferences.change(user, p -> new Preferences(address, EmailSchedule.AFTER_DELAY, Level.ALL, null, null,
                Map.of()));
    }

    private static MessageSent sent(String dm, long version, String from, String to, String text) {
        return new MessageSent(UUID.randomUUID().toString().replace("-", ""), dm, version, from, List.of(from, to),
                "c" + version, text, MessageType.TEXT, List.of(), Instant.now());
    }

    /** Stops the consumers, moves the group back to offset 0 on every partition, starts them again. */
    private void replayFromTheBeginning() throws Exception {
        var container = listeners.getListenerContainer("notifier-events");
        container.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !container.isRunning());
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ChatTestKit.get().bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.EVENTS.name())).allTopicNames().get()
                    .get(Topics.EVENTS.name()).partitions().size();
            Map<TopicPartition, OffsetAndMetadata> zero = java.util.stream.IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.EVENTS.name(), p),
                            p -> new OffsetAndMetadata(0)));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    admin.alterConsumerGroupOffsets("notifier-events", zero).all().get());
        }
        container.start();
    }

    private static Map<String, String> parts(MimeMessage email) throws Exception {
        Multipart root = (Multipart) email.getContent();
        Map<String, String> parts = new java.util.HashMap<>();
        collect(root, parts);
        return parts;
    }

    private static void collect(Multipart multipart, Map<String, String> into) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                collect(nested, into);
            } else {
                into.put(part.getContentType().split(";")[0].trim().toLowerCase(), String.valueOf(part.getContent()));
            }
        }
    }

}
