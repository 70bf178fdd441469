package dev.chat.notifier.push;

import dev.chat.notifier.people.PushSubscription;
import dev.chat.notifier.people.PushSubscriptions;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import dev.chat.notifier.NotifierProperties;
import dev.chat.notifier.pending.PendingStore;
import dev.chat.notifier.people.ActivityBoard;
import dev.chat.notifier.people.ConversationNames;
import dev.chat.notifier.people.PreferencesStore;
import dev.chat.notifier.people.Profiles;
import dev.chat.notifier.rules.NotificationRules;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import dev.chat.servicekit.KafkaTraces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** Web Push: the VAPID keys, the sender, the dispatcher on the dispatch interval. */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    @Bean
    VapidKeys vapidKeys(NotifierProperties properties, MongoTemplate mongo) {
        return VapidKeyStore.load(properties.vapidPublicKey(), properties.vapidPrivateKey(), mongo);
    }

    @Bean
    PushDispatcher pushDispatcher(PendingStore pending, PreferencesStore preferences, PushSubscriptions subscriptions,
            ActivityBoard activity, Profiles profiles, ConversationNames conversations, NotificationRules rules,
            VapidKeys keys, NotifierProperties properties, Clock clock, MeterRegistry meters, KafkaTraces traces) {
        return new PushDispatcher(pending, preferences, subscriptions, activity, profiles, conversations, rules,
                new PushSender(new WebPush(properties.vapidSubject(), keys)), properties, clock, meters, traces);
    }

    @Bean
    SchedulingConfigurer pushRounds(PushDispatcher dispatcher, NotifierProperties properties) {
        return registrar -> registrar.addFixedDelayTask(dispatcher::dispatchDue, properties.dispatchInterval());
    }
}
