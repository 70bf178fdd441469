package dev.chat.notifier.email;

import dev.chat.notifier.NotifierProperties;
import dev.chat.notifier.pending.PendingStore;
import dev.chat.notifier.people.ConversationNames;
import dev.chat.notifier.people.PreferencesStore;
import dev.chat.notifier.people.Profiles;
import dev.chat.notifier.rules.NotificationRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import dev.chat.servicekit.KafkaTraces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The email channel: SMTP from {@code spring.mail.*} (README: {@code CHAT_SMTP_*}), the dispatcher. */
@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

    @Bean
    EmailDispatcher emailDispatcher(PendingStore pending, PreferencesStore preferences, Profiles profiles,
            ConversationNames conversations, EmailLedger ledger, NotificationRules rules, JavaMailSender mail,
            UnsubscribeTokens tokens, NotifierProperties properties, Clock clock, MeterRegistry meters,
            KafkaTraces traces) {
        return new EmailDispatcher(pending, preferences, profiles, conversations, ledger, rules,
                new Mailer(mail, properties.mailFrom()), tokens, properties, clock, meters, traces);
    }
}
