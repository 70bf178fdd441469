package dev.chat.notifier.email;

import dev.chat.contracts.ConversationView;
import dev.chat.notifier.people.Profiles;
import dev.chat.notifier.rules.Pending;
import dev.chat.notifier.rules.PendingMessage;
import dev.chat.servicekit.readmodels.UserProfileView;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Turns the conversations an email covers into its subject and its two parts, plain text and HTML, from the
 * templates in {@code mail/} (Thymeleaf: the HTML template escapes every user string; the text one has no markup
 * to escape).
 */
final class EmailComposer {

    /** Characters of a message quoted in an email. */
    static final int QUOTED = 280;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    record Parts(String subject, String text, String html) {
    }

    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        // Spring's engine: expressions in SpEL (the plain engine needs OGNL, which is not on the class path).
        TemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    Digest digest(String to, String userId, List<Pending> conversations, Map<String, UserProfileView> profiles,
            Map<String, ConversationView> views, ZoneId zone, String appUrl, String unsubscribeUrl) {
        List<Digest.Conversation> items = conversations.stream().map(p -> new Digest.Conversation(
                title(p, userId, profiles, views.get(p.conversationId())),
                p.messages().stream().filter(m -> m.version() > p.emailedUpTo())
                        .map(m -> line(m, profiles, zone)).toList(),
                p.older())).toList();
        int messages = items.stream().mapToInt(c -> c.lines().size() + c.notShown()).sum();
        String subject = items.size() == 1
                ? "%d new message%s %s".formatted(messages, messages == 1 ? "" : "s",
                        conversations.get(0).group() ? "in " + items.get(0).title() : "from " + items.get(0).title())
                : "%d new messages in %d conversations".formatted(messages, items.size());
        return new Digest(to, Profiles.displayName(profiles, userId), subject, items, appUrl, unsubscribeUrl);
    }

    private static String title(Pending p, String userId, Map<String, UserProfileView> profiles, ConversationView view) {
        if (!p.group()) {
            String other = p.messages().isEmpty() ? userId : p.messages().get(0).senderId();
            return Profiles.displayName(profiles, other);
        }
        return view != null && view.name() != null ? view.name() : "a group";
    }

    private static Digest.Line line(PendingMessage m, Map<String, UserProfileView> profiles, ZoneId zone) {
        String text = m.text() == null ? "" : m.text();
        return new Digest.Line(Profiles.displayName(profiles, m.senderId()), TIME.format(m.sentAt().atZone(zone)),
                text.length() > QUOTED ? text.substring(0, QUOTED - 1) + "…" : text);
    }

    Parts render(Digest digest) {
        Context context = new Context();
        context.setVariable("d", digest);
        return new Parts(digest.subject(), text.process("digest", context), html.process("digest", context));
    }
}
