package dev.chat.notifier.people;

import com.mongodb.client.model.Filters;
import dev.chat.servicekit.readmodels.ReadModels;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Who users are called (their username for mentions, their full name in an email), read from the profiles read
 * model that projection-service keeps; a user without a profile is called by their id.
 */
@Component
public class Profiles {

    private final MongoTemplate mongo;

    Profiles(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Map<String, UserProfileView> of(Collection<String> userIds) {
        Map<String, UserProfileView> found = new HashMap<>();
        mongo.getCollection(ReadModels.PROFILES).find(Filters.in("_id", userIds))
                .forEach(d -> found.put(d.getString("_id"), UserProfileView.from(d)));
        return found;
    }

    /** The username, else the user id. */
    public static String username(Map<String, UserProfileView> profiles, String userId) {
        UserProfileView profile = profiles.get(userId);
        return profile != null && profile.username() != null ? profile.username() : userId;
    }

    /** The full name, else the username, else the user id. */
    public static String displayName(Map<String, UserProfileView> profiles, String userId) {
        UserProfileView profile = profiles.get(userId);
        return profile != null && profile.fullName() != null && !profile.fullName().isBlank() ? profile.fullName()
                : username(profiles, userId);
    }
}
