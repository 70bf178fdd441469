package dev.chat.notifier.people;

import com.mongodb.client.model.Filters;
import dev.chat.contracts.ConversationView;
import dev.chat.servicekit.readmodels.ConversationViewDocuments;
import dev.chat.servicekit.readmodels.ReadModels;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Conversations as the read model shows them (a group's name for an email), read from projection-service's views. */
@Component
public class ConversationNames {

    private final MongoTemplate mongo;

    ConversationNames(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Map<String, ConversationView> of(Collection<String> conversationIds) {
        Map<String, ConversationView> found = new HashMap<>();
        mongo.getCollection(ReadModels.CONVERSATIONS).find(Filters.in("_id", conversationIds))
                .forEach(d -> found.put(d.getString("_id"), ConversationViewDocuments.view(d)));
        return found;
    }
}
