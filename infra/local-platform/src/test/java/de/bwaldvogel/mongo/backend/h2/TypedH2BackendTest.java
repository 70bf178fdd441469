package de.bwaldvogel.mongo.backend.h2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The stand-in's typed H2 store over the real wire protocol: same behaviour, and old files still open. */
class TypedH2BackendTest {

    @Test
    void aStoreWrittenByThePlainBackendOpensWithItsIndexesWorkingAndKeepsWhatIsWrittenNext() throws Exception {
        String file = Files.createTempDirectory("stand-in").resolve("chat.mv").toString();
        withServer(new H2Backend(file), docs -> {
            docs.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
            List<Document> many = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                many.add(new Document("_id", "dm.a.b:" + i).append("version", (long) i).append("content", "old " + i));
            }
            docs.insertMany(many);
        });

        withServer(TypedH2Backend.open(file), docs -> {
            // Lookups through both unique indexes find documents written in the old format and key order.
            assertThat(docs.find(Filters.eq("_id", "dm.a.b:321")).first().getString("content")).isEqualTo("old 321");
            assertThat(docs.find(Filters.and(Filters.eq("_id", "dm.a.b:77"), Filters.eq("version", 77L))).first())
                    .isNotNull();
            assertThat(docs.find(Filters.in("_id", List.of("dm.a.b:1", "dm.a.b:499", "nope"))).into(new ArrayList<>()))
                    .hasSize(2);
            assertThatThrownBy(() -> docs.insertOne(new Document("_id", "dm.a.b:5").append("version", 5L)))
                    .isInstanceOf(MongoWriteException.class);
            docs.insertOne(new Document("_id", "dm.a.b:500").append("version", 500L).append("content", "new")
                    .append("nested", new Document("unread", new Document("bob", 2L))));
            docs.replaceOne(Filters.and(Filters.eq("_id", "dm.a.b:10"), Filters.eq("version", 10L)),
                    new Document("_id", "dm.a.b:10").append("version", 11L).append("content", "replaced"));
        });

        withServer(TypedH2Backend.open(file), docs -> {
            assertThat(docs.countDocuments()).isEqualTo(501);
            Document written = docs.find(Filters.eq("_id", "dm.a.b:500")).first();
            assertThat(written.get("nested", Document.class).get("unread", Document.class).getLong("bob")).isEqualTo(2L);
            assertThat(docs.find(Filters.and(Filters.eq("_id", "dm.a.b:10"), Filters.eq("version", 11L))).first()
                    .getString("content")).isEqualTo("replaced");
            assertThat(docs.find(Filters.and(Filters.eq("_id", "dm.a.b:10"), Filters.eq("version", 10L))).first()).isNull();
        });
        assertThat(Path.of(file)).exists();
    }

    private static void withServer(MongoBackend backend, Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(backend);
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            use.accept(client.getDatabase("chat").getCollection("history"));
        } finally {
            server.shutdown();
        }
    }
}
