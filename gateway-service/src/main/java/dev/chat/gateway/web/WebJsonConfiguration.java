package dev.chat.gateway.web;

import dev.chat.contracts.ChatJson;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** REST bodies and RSocket payloads follow the contracts' JSON rules: no number or boolean read as a string. */
@Configuration(proxyBeanMethods = false)
class WebJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return ChatJson::strictScalars;
    }
}
