package dev.chat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A sender over REST ({@code POST /api/messages/send}): a 201 is the ack, 202 means "not confirmed in
 * time" (the message may still arrive), anything else is a refusal. It receives nothing.
 */
final class RestSender implements Device {

    private final HttpClient http;
    private final URI send;
    private final String token;
    private final Inbox inbox;

    RestSender(HttpClient http, URI gateway, String token, Inbox inbox) {
        this.http = http;
        this.send = gateway.resolve("/api/messages/send");
        this.token = token;
        this.inbox = inbox;
    }

    @Override
    public void send(String receiverId, String clientMessageId, String content) {
        HttpRequest request = HttpRequest.newBuilder(send)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Device.sendData(receiverId, clientMessageId, content)))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            long arrived = System.nanoTime();
            if (error == null && response.statusCode() == 201) {
                inbox.accept(Inbound.parse("{\"event\":\"messageSent\",\"data\":"
                        + dev.chat.contracts.ChatJson.mapper().readTree(response.body()).path("message") + "}"), arrived);
            } else if (error != null || response.statusCode() != 202) {
                String detail = error != null ? error.toString()
                        : "HTTP " + response.statusCode() + " " + dev.chat.contracts.ChatJson.mapper().readTree(response.body())
                                .path("message").asString("");
                inbox.accept(new Inbound("messageError", clientMessageId, 0, detail), arrived);
            }
        });
    }

    @Override
    public void close() {
    }
}
