package dev.chat.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** The shapes every successful answer shares with the original API. */
public final class ApiBodies {

    private ApiBodies() {
    }

    /** A fresh {@code {success: true}} body to add fields to. */
    public static Map<String, Object> success() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        return body;
    }

    /** A user as the original API showed one: {@code {_id, username, profile: {fullName, profilePicture}}}. */
    public static Map<String, Object> user(String id, String username, String fullName, String avatarUrl) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("fullName", fullName);
        profile.put("profilePicture", avatarUrl);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("_id", id);
        user.put("username", username);
        user.put("profile", profile);
        return user;
    }
}
