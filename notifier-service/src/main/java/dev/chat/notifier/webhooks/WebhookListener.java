package dev.chat.notifier.webhooks;

import dev.chat.contracts.ChatEvent;
import dev.chat.contracts.ChatJson;
import dev.chat.contracts.CloudEventCodec;
import dev.chat.contracts.Envelope;
import dev.chat.contracts.UndecodableRecordException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.chat.servicekit.KafkaTraces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands every event of chat.events.v1 to the webhook endpoints that want it, as a CloudEvent in structured JSON
 * (the record's {@code ce_*} headers as attributes, its value as {@code data}), one delivery per endpoint and
 * event. Its own consumer group ({@code notifier-webhooks}): a slow webhook store never holds notifications
 * back, nor the reverse. Undecodable records are skipped here (the notification listener dead-letters them).
 */
@Component
class WebhookListener {

    static final String ID = "notifier-webhooks";

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final Clock clock;

    WebhookListener(WebhookEndpoints endpoints, WebhookDeliveries deliveries, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @KafkaListener(id = ID, topics = "#{T(dev.chat.contracts.Topics).EVENTS.name()}", batch = "true")
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        // The envelope's headers say which endpoints want a record; its value is read only for them.
        Instant now = clock.instant();
        List<WebhookEndpoint> wanting = endpoints.current();
        if (wanting.isEmpty()) {
            return;
        }
        List<WebhookDeliveries.Delivery> due = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = CloudEventCodec.header(record.headers(), CloudEventCodec.TYPE);
            Instant time = timeOf(record);
            if (type == null || time == null || wanting.stream().noneMatch(e -> e.wants(type, time))) {
                continue;
            }
            Envelope<ChatEvent> event;
            try {
                event = CloudEventCodec.decode(record, ChatEvent.class);
            } catch (UndecodableRecordException e) {
                continue; // the notification listener sends it to the dead-letter topic
            }
            String body = structured(event, record.value());
            String traceparent = KafkaTraces.sampledTraceparent(record.headers());
            for (WebhookEndpoint endpoint : wanting) {
                if (endpoint.wants(type, time)) {
                    due.add(new WebhookDeliveries.Delivery(endpoint.id() + " " + event.id(), endpoint.id(),
                            event.id(), type, body, 0, null, now, traceparent));
                }
            }
        }
        deliveries.enqueue(due);
    }

    private static Instant timeOf(ConsumerRecord<String, byte[]> record) {
        String time = CloudEventCodec.header(record.headers(), CloudEventCodec.TIME);
        try {
            return time == null ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The CloudEvent in structured mode (CloudEvents JSON format), its data the record's value as published. */
    static String structured(Envelope<ChatEvent> event, byte[] value) {
        ObjectNode json = ChatJson.mapper().createObjectNode()
                .put("specversion", "1.0").put("id", event.id()).put("source", event.source())
                .put("type", event.type().typeName());
        if (event.subject() != null) {
            json.put("subject", event.subject());
        }
        json.put("time", event.time().toString()).put("datacontenttype", "application/json");
        json.set("data", ChatJson.mapper().readTree(value));
        return json.toString();
    }
}
