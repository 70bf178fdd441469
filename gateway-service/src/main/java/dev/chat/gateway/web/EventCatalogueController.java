package dev.chat.gateway.web;

import dev.chat.contracts.Topics;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event catalogue, {@code /asyncapi.yaml}: the platform's Kafka topics and record types (AsyncAPI 3.0), for
 * the people who write downstream consumers. Public, like the OpenAPI description: it holds no data.
 */
@RestController
class EventCatalogueController {

    static final String YAML = "application/yaml";

    private final Resource catalogue = new ClassPathResource(Topics.CATALOGUE_RESOURCE);

    @GetMapping(value = "/asyncapi.yaml", produces = YAML)
    @Operation(summary = "The Kafka event catalogue (AsyncAPI 3.0): topics, record types, schemas, examples")
    Resource catalogue() {
        return catalogue;
    }
}
