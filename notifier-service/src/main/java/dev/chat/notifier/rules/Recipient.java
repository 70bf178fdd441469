package dev.chat.notifier.rules;

/** A user the rules decide for: who they are called in mentions, and what they asked for. */
public record Recipient(String userId, String username, Preferences preferences) {
}
