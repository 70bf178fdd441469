package dev.chat.servicekit;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import org.springframework.context.annotation.Bean;

/**
 * Mongo health by {@code ping}. Boot's own indicator sends {@code hello}, which the in-process Mongo
 * wire server used locally does not implement, so services would report DOWN while working fine.
 * {@code ping} means the same on real MongoDB. Boot's indicator backs off for this bean name.
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
                "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration"},
        beforeName = {"org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
                "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration"})
@ConditionalOnClass(HealthIndicator.class)
public class MongoPingHealthAutoConfiguration {

    // No Mongo type may appear outside the nested classes: services without Mongo load this class too.

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoClient.class)
    @ConditionalOnBean(MongoClient.class)
    static class Blocking {

        @Bean(name = "mongoHealthIndicator")
        @ConditionalOnMissingBean(name = "mongoHealthIndicator")
        HealthIndicator mongoHealthIndicator(MongoClient client) {
            return new AbstractHealthIndicator("MongoDB ping failed") {
                @Override
                protected void doHealthCheck(Health.Builder builder) {
                    client.getDatabase("admin").runCommand(new Document("ping", 1));
                    builder.up();
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({com.mongodb.reactivestreams.client.MongoClient.class, Mono.class})
    @ConditionalOnBean(com.mongodb.reactivestreams.client.MongoClient.class)
    static class Reactive {

        @Bean(name = "mongoHealthIndicator")
        @ConditionalOnMissingBean(name = "mongoHealthIndicator")
        ReactiveHealthIndicator mongoHealthIndicator(com.mongodb.reactivestreams.client.MongoClient client) {
            return () -> Mono.from(client.getDatabase("admin").runCommand(new Document("ping", 1)))
                    .map(ok -> Health.up().build())
                    .onErrorResume(e -> Mono.just(Health.down(e).build()));
        }
    }
}
