package dev.chat.notifier.people;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.chat.notifier.rules.Preferences;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The one owner of {@code notify_preferences}: what each user asked for; defaults for who never said. */
@Component
public class PreferencesStore {

    private final MongoTemplate mongo;
    private final SettingsChanges changes;

    PreferencesStore(MongoTemplate mongo, SettingsChanges changes) {
        this.mongo = mongo;
        this.changes = changes;
    }

    /** The preferences of each of {@code userIds} who has any; the others have {@link Preferences#DEFAULTS}. */
    public Map<String, Preferences> load(Collection<String> userIds) {
        Map<String, Preferences> found = new HashMap<>();
        mongo.getCollection(PreferencesDocuments.COLLECTION).find(Filters.in("_id", userIds))
                .forEach(d -> found.put(d.getString("_id"), PreferencesDocuments.preferences(d)));
        return found;
    }

    /** Everyone's preferences (a notifier starting, or one that lost track of changes). */
    Map<String, Preferences> all() {
        Map<String, Preferences> found = new HashMap<>();
        mongo.getCollection(PreferencesDocuments.COLLECTION).find()
                .forEach(d -> found.put(d.getString("_id"), PreferencesDocuments.preferences(d)));
        return found;
    }

    public Preferences of(String userId) {
        return load(java.util.List.of(userId)).getOrDefault(userId, Preferences.DEFAULTS);
    }

    /** Replaces the user's preferences with {@code change} applied to them (logged first), and returns the result. */
    public synchronized Preferences change(String userId, UnaryOperator<Preferences> change) {
        Preferences changed = change.apply(of(userId));
        changes.user(userId);
        mongo.getCollection(PreferencesDocuments.COLLECTION).replaceOne(Filters.eq("_id", userId),
                PreferencesDocuments.document(userId, changed), new ReplaceOptions().upsert(true));
        return changed;
    }
}
