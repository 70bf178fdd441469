package dev.chat.notifier.webhooks;

import dev.chat.notifier.NotifierProperties;
import dev.chat.servicekit.KafkaTraces;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

/** Webhooks: the destination guard, the dispatcher on the dispatch interval, gauges of what waits and what died. */
@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {

    @Bean
    DestinationGuard destinationGuard(NotifierProperties properties) {
        return new DestinationGuard(properties.webhookAllowPrivate());
    }

    @Bean
    WebhookDispatcher webhookDispatcher(WebhookEndpoints endpoints, WebhookDeliveries deliveries,
            DestinationGuard guard, Clock clock, MeterRegistry meters, KafkaTraces traces) {
        Gauge.builder("chat.notify.webhook.deliveries", deliveries, d -> d.count(WebhookDeliveries.PENDING))
                .tag("state", "pending").description("webhook deliveries by state").register(meters);
        Gauge.builder("chat.notify.webhook.deliveries", deliveries, d -> d.count("dead"))
                .tag("state", "dead").description("webhook deliveries by state").register(meters);
        return new WebhookDispatcher(endpoints, deliveries, guard, clock, meters, traces);
    }

    @Bean
    SchedulingConfigurer webhookRounds(WebhookDispatcher dispatcher, NotifierProperties properties) {
        return registrar -> registrar.addFixedDelayTask(dispatcher::dispatchDue, properties.dispatchInterval());
    }
}
