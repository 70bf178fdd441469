package dev.chat.local;

import dev.chat.contracts.ChatJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The gateway's REST API as the end-to-end tests call it: real HTTP, JSON in and out, demo tokens. */
final class RestClient {

    record Response(int status, JsonNode json) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String base;

    RestClient(String base) {
        this.base = base;
    }

    /** The gateway's address, for a path the API answered with. */
    String base() {
        return base;
    }

    String token(String user) {
        return raw("POST", "/dev/token?userId=" + user, null, null).json().at("/token").asString();
    }

    Response call(String method, String path, String token, Object body) {
        return raw(method, path, token, body == null ? null : ChatJson.mapper().writeValueAsString(body));
    }

    /** {@code POST /api/attachments}: the file as the one part of a multipart/form-data body. */
    Response upload(String token, String name, byte[] bytes) {
        String boundary = "chat-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/attachments"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(java.util.List.of(head, bytes, tail))).build();
        return send(request);
    }

    Response raw(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? null : ChatJson.mapper().readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
