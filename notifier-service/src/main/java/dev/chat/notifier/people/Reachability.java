package dev.chat.notifier.people;

import dev.chat.notifier.rules.Preferences;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Who can be reached at all (an email address that is not switched off, or a device subscribed to pushes), with
 * their preferences, held in memory for the event listener: a message to someone with no channel costs no query.
 * Kept current through {@link SettingsChanges}: the users whose settings changed (through any instance) are read
 * again before the next batch is folded. Used by one thread, the event listener's.
 */
@Component
public class Reachability {

    private final PreferencesStore preferences;
    private final PushSubscriptions subscriptions;
    private final SettingsChanges.Watch watch;
    private final Map<String, Preferences> reachable = new HashMap<>();

    Reachability(PreferencesStore preferences, PushSubscriptions subscriptions, SettingsChanges changes) {
        this.preferences = preferences;
        this.subscriptions = subscriptions;
        this.watch = changes.watch();
    }

    /** Those of {@code userIds} who can be reached, with their preferences, in the order given. */
    public synchronized Map<String, Preferences> among(Collection<String> userIds) {
        refresh();
        Map<String, Preferences> found = new LinkedHashMap<>();
        for (String user : userIds) {
            Preferences p = reachable.get(user);
            if (p != null) {
                found.put(user, p);
            }
        }
        return found;
    }

    private void refresh() {
        List<SettingsChanges.Change> changes = watch.recent();
        if (changes == null) {
            reachable.clear();
            Map<String, Preferences> all = preferences.all();
            all.forEach((user, p) -> {
                if (p.reachable()) {
                    reachable.put(user, p);
                }
            });
            subscriptions.users().forEach(user -> reachable.putIfAbsent(user, all.getOrDefault(user, Preferences.DEFAULTS)));
            return;
        }
        Set<String> changed = changes.stream().filter(c -> c.kind() == SettingsChanges.Kind.USER)
                .map(SettingsChanges.Change::userId).collect(Collectors.toSet());
        if (changed.isEmpty()) {
            return;
        }
        Map<String, Preferences> now = preferences.load(changed);
        Set<String> subscribed = subscriptions.usersAmong(changed);
        for (String user : changed) {
            Preferences p = now.getOrDefault(user, Preferences.DEFAULTS);
            if (p.reachable() || subscribed.contains(user)) {
                reachable.put(user, p);
            } else {
                reachable.remove(user);
            }
        }
    }
}
