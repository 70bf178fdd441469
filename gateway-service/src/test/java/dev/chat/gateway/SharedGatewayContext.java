package dev.chat.gateway;

import dev.chat.testkit.ChatTestKitInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * One gateway on a random port, on the test kit's embedded broker and Mongo stand-in, with small real-time limits
 * (typing lapses after 1 s, resumes scan at most 500 records, 2 KB frames). Every class carrying it shares the one
 * Spring context (the same configuration is the same cached context): a second gateway start would cost more than
 * most of those classes' tests.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.gateway.realtime.rsocket-tcp-port=0",
        "chat.gateway.realtime.typing-ttl=1s",
        "chat.gateway.realtime.resume-max-records=500",
        "chat.gateway.realtime.max-frame-bytes=2048"})
@ContextConfiguration(initializers = ChatTestKitInitializer.class)
public @interface SharedGatewayContext {
}
