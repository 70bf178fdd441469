package dev.chat.servicekit.readmodels;

import dev.chat.contracts.UserProfileUpdated;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** {@link ReadModels#PROFILES}: a user's latest profile. The one mapping to and from its document. */
public record UserProfileView(String userId, String username, String fullName, String avatarUrl, Instant updatedAt) {

    /** Field names queries need. */
    public static final String USERNAME = "username";
    public static final String FULL_NAME = "fullName";

    public static UserProfileView of(UserProfileUpdated profile) {
        return new UserProfileView(profile.userId(), profile.username(), profile.fullName(), profile.avatarUrl(),
                profile.updatedAt());
    }

    public Document document() {
        return new Document("_id", userId)
                .append(USERNAME, username)
                .append(FULL_NAME, fullName)
                .append("avatarUrl", avatarUrl)
                .append("updatedAt", updatedAt == null ? null : Date.from(updatedAt));
    }

    public static UserProfileView from(Document doc) {
        Date updatedAt = doc.getDate("updatedAt");
        return new UserProfileView(doc.getString("_id"), doc.getString(USERNAME), doc.getString(FULL_NAME),
                doc.getString("avatarUrl"), updatedAt == null ? null : updatedAt.toInstant());
    }
}
