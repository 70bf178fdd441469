package dev.chat.projection.rebuild;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.chat.projection.ProjectionConfiguration;
import dev.chat.servicekit.readmodels.ReadModels;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Read models written by an older version of this service in another layout are rebuilt from the log
 * at start-up, so an upgrade never serves a mix of layouts. Layouts:
 * <ol>
 *   <li>history keyed by message id, views updated by conditional queries;</li>
 *   <li>history keyed by event id ({@code <conversationId>:<version>}), views written by compare-and-set;</li>
 *   <li>views say who spoke in them ({@code speakers}: whose presence the other members may see).</li>
 * </ol>
 */
@Component
public class ReadModelLayout {

    static final int CURRENT = 3;
    private static final Logger log = LoggerFactory.getLogger(ReadModelLayout.class);

    private final MongoTemplate mongo;
    private final ProjectionRebuilder rebuilder;

    ReadModelLayout(MongoTemplate mongo, ProjectionRebuilder rebuilder) {
        this.mongo = mongo;
        this.rebuilder = rebuilder;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ensureCurrent() {
        Document layout = mongo.getCollection(ReadModels.LAYOUT).find(Filters.eq("_id", "layout")).first();
        int stored = layout != null ? layout.getInteger("version", 1) : hasData() ? 1 : CURRENT;
        if (stored < CURRENT) {
            log.warn("Read models are in layout {}, this version writes layout {}: rebuilding them from the log", stored,
                    CURRENT);
            rebuilder.rebuild();
        } else {
            ProjectionConfiguration.createIndexes(mongo);
        }
        mongo.getCollection(ReadModels.LAYOUT).replaceOne(Filters.eq("_id", "layout"),
                new Document("_id", "layout").append("version", CURRENT), new ReplaceOptions().upsert(true));
    }

    private boolean hasData() {
        return ReadModels.ALL.stream().anyMatch(c -> mongo.getCollection(c).find().limit(1).first() != null);
    }
}
