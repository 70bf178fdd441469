package dev.chat.gateway.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The served OpenAPI description ({@code /v3/api-docs}) and its browsable UI ({@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "chat-platform gateway", version = "v1",
                description = "The original Express/Mongoose chat API, rebuilt on Kafka. "
                        + "Every /api/** call needs a bearer JWT; locally get one at POST /dev/token?userId=alice. "
                        + "The Kafka topics and events behind it, for downstream consumers: /asyncapi.yaml (AsyncAPI 3.0)."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
