package dev.chat.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.Ids;
import dev.chat.contracts.UserProfileUpdated;
import dev.chat.projection.rebuild.ProjectionRebuilder;
import dev.chat.testkit.ChatTestKit;
import dev.chat.testkit.ChatTestKitInitializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** projection-service against the embedded KRaft broker and the Mongo wire server. */
@SpringBootTest
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
class ProjectionIntegrationTest extends ProjectionFlows {

    @Autowired
    private ProjectionRebuilder rebuilder;

    @BeforeAll
    static void probe() {
        startProbe(ChatTestKit.get().bootstrapServers());
    }

    @Test
    void aRebuildFromTheLogYieldsExactlyTheLiveState() {
        Random random = new Random(7);
        Script script = new Script(random, unique("r0"), unique("r1"), unique("r2"));
        List<ChatEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String a = script.users.get(i % 3);
            String b = script.users.get((i + 1 + random.nextInt(2)) % 3);
            if (a.equals(b)) {
                continue;
            }
            String dm = Ids.directConversationId(a, b);
            events.addAll(i % 5 == 4 ? script.read(dm, b, null) : script.send(dm, a, "m" + i));
        }
        publish(events);
        probe.send(codec.profile(new UserProfileUpdated(script.users.get(0), "r0", "Rebuild Zero", null,
                Instant.parse("2026-11-24T10:00:00Z"))));
        script.lastVersions().forEach(this::awaitVersion);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection(ReadModels.PROFILES)
                .countDocuments(new Document("_id", script.users.get(0))) == 1);
        Map<String, List<Document>> live = snapshot();
        assertThat(live.get(ReadModels.CONVERSATIONS)).isNotEmpty();

        rebuilder.rebuild();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(snapshot()).isEqualTo(live));
    }

    /** Every read model, every document, in _id order. */
    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> snapshot = new TreeMap<>();
        for (String collection : ReadModels.ALL) {
            snapshot.put(collection, mongo.getCollection(collection).find()
                    .sort(new Document("_id", 1)).into(new ArrayList<>()));
        }
        return snapshot;
    }
}
