package dev.chat.local.faults;

import dev.chat.contracts.ChatJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The REST side of the fault suite, asked of whichever gateway answers (one may be down): demo tokens,
 * and a conversation's history as its sender sees it.
 */
public final class Gateways {

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> baseUrls;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** @param baseUrls {@code http://host:port} of each gateway */
    public Gateways(List<String> baseUrls) {
        this.baseUrls = List.copyOf(baseUrls);
    }

    /** A demo token ({@code POST /dev/token}), once per user. */
    public String token(String user) {
        return tokens.computeIfAbsent(user, u -> call("/dev/token?userId=" + u,
                        request -> request.POST(HttpRequest.BodyPublishers.noBody()))
                .map(body -> body.path("token").asString())
                .orElseThrow(() -> new IllegalStateException("no gateway issued a token")));
    }

    /** The newest version in the sender's view of the history; 0 while no gateway answers. */
    public long newestInHistory(Conversation conversation) {
        return page(conversation, Long.MAX_VALUE, 1).map(messages -> messages.isEmpty() ? 0
                : messages.get(messages.size() - 1).path("version").asLong()).orElse(0L);
    }

    /** Every message id of the conversation's history, oldest first, paging back from the newest. */
    public List<String> history(Conversation conversation) {
        List<String> ids = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            List<JsonNode> messages = page(conversation, before, 200)
                    .orElseThrow(() -> new IllegalStateException("no gateway answered"));
            if (messages.isEmpty()) {
                return ids;
            }
            ids.addAll(0, messages.stream().map(m -> m.path("_id").asString()).toList());
            before = messages.get(0).path("version").asLong();
        }
    }

    private Optional<List<JsonNode>> page(Conversation conversation, long before, int limit) {
        String query = "/api/messages/conversation/" + conversation.receiverId() + "?limit=" + limit
                + (before == Long.MAX_VALUE ? "" : "&before=" + before);
        String token = token(conversation.senderId());
        return call(query, request -> request.header("Authorization", "Bearer " + token).GET())
                .map(body -> {
                    List<JsonNode> messages = new ArrayList<>();
                    body.path("messages").forEach(messages::add);
                    return messages;
                });
    }

    /** The request to {@code path} against each gateway in turn until one answers 2xx. */
    private Optional<JsonNode> call(String path, UnaryOperator<HttpRequest.Builder> request) {
        for (String base : baseUrls) {
            try {
                HttpResponse<String> response = http.send(request.apply(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(5))).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return Optional.of(ChatJson.mapper().readTree(response.body()));
                }
            } catch (IOException e) {
                // that gateway is down: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
