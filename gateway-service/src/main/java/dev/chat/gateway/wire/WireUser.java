package dev.chat.gateway.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chat.servicekit.readmodels.UserProfileView;

/** A user as the original API showed one: {@code {_id, username, profile: {fullName, profilePicture}}}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"_id", "username", "profile"})
public record WireUser(@JsonProperty("_id") String id, String username, Profile profile) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"fullName", "profilePicture"})
    public record Profile(String fullName, String profilePicture) {
    }

    public static WireUser of(String id, String username, String fullName, String avatarUrl) {
        return new WireUser(id, username, new Profile(fullName, avatarUrl));
    }

    /** The user's profile, or just their id as username if they never published one. */
    public static WireUser of(String id, UserProfileView profile) {
        return profile == null ? of(id, id, null, null)
                : of(id, profile.username(), profile.fullName(), profile.avatarUrl());
    }
}
