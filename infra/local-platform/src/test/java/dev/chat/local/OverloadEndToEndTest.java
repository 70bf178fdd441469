package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CI-sized overload: far more sends at once than the gateway lets wait for answers. Those it cannot
 * take are refused at once (503, retry later) — none times out —, every one it took is stored exactly once, and
 * right after the burst sends go through again.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.SMALL_LIMITS)
class OverloadEndToEndTest {

    private static final int SENDERS = 150;
    private static LocalPlatform platform;
    private static RestClient rest;

    @BeforeAll
    static void start() {
        platform = SharedPlatforms.platform();
        rest = SharedPlatforms.rest(0);
    }

    @Test
    void sendsPastWhatThePipelineTakesAreRefusedAtOnceAndNothingTakenIsLost() {
        List<String> tokens = IntStream.range(0, SENDERS).mapToObj(i -> rest.token("o-s" + i)).toList();
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            burst.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + platform.gatewayPort(0)
                            + "/api/messages/send")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + tokens.get(i)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ChatJson.mapper().writeValueAsString(Map.of(
                            "receiverId", "o-r" + i, "content", "burst " + i, "clientMessageId", "b" + i))))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = burst.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

        // Taken or refused; never left to time out (202 pending).
        assertThat(statuses).containsOnly(201, 503).contains(201, 503);
        for (int i = 0; i < SENDERS; i++) {
            List<String> stored = rest.call("GET", "/api/messages/conversation/o-r" + i, tokens.get(i), null).json()
                    .path("messages").findValuesAsString("content");
            assertThat(stored).as("sender %d, answered %d", i, statuses.get(i))
                    .isEqualTo(statuses.get(i) == 201 ? List.of("burst " + i) : List.of());
        }
        // The burst over, a send goes through.
        assertThat(rest.call("POST", "/api/messages/send", tokens.get(0), Map.of("receiverId", "o-r0",
                "content", "after the burst", "clientMessageId", "after")).status()).isEqualTo(201);
    }
}
