package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A picture through the whole platform, on two gateways: at-ann uploads it on one and sends it to at-ben, who reads
 * it on the other — the message carries what the gateway found in the bytes; at-ben fetches it through a signed
 * link, at-cy (no member) finds nothing; an upload is its uploader's to attach, to one message; deleting the
 * message hides the picture.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.TWO_GATEWAYS)
class AttachmentsEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final RestClient gw1 = SharedPlatforms.rest(0);
    private final RestClient gw2 = SharedPlatforms.rest(1);

    @Test
    void aPictureGoesToItsConversationOnlyAndGoesAwayWithItsMessage() throws Exception {
        String ann = gw1.token("at-ann");
        String ben = gw2.token("at-ben");
        String cy = gw2.token("at-cy");
        byte[] picture = png(640, 480);
        RestClient.Response uploaded = gw1.upload(ann, "beach.png", picture);
        assertThat(uploaded.status()).as(String.valueOf(uploaded.json())).isEqualTo(201);
        String id = uploaded.json().at("/attachment/id").asString();

        Map<String, Object> send = Map.of("receiverId", "at-ben", "content", "", "type", "image",
                "attachments", List.of(Map.of("id", id)), "clientMessageId", "beach-1");
        RestClient.Response sent = gw1.call("POST", "/api/messages/send", ann, send);
        assertThat(sent.status()).as(String.valueOf(sent.json())).isEqualTo(201);
        String messageId = sent.json().at("/message/_id").asString();
        JsonNode carried = sent.json().at("/message/attachments/0");
        assertThat(carried.path("id").asString()).isEqualTo(id);
        assertThat(carried.path("contentType").asString()).isEqualTo("image/png");
        assertThat(carried.path("width").asInt()).isEqualTo(640);
        assertThat(carried.path("size").asLong()).isEqualTo(picture.length);
        assertThat(carried.path("url").asString()).isEqualTo("/api/attachments/" + id);

        // ben reads it on the other gateway and fetches it through a signed link.
        JsonNode history = gw2.call("GET", "/api/messages/conversation/at-ann", ben, null).json();
        assertThat(history.at("/messages/0/attachments/0/thumbnailUrl").asString())
                .isEqualTo("/api/attachments/" + id + "?variant=thumbnail");
        JsonNode link = gw2.call("GET", "/api/attachments/" + id + "/link", ben, null).json();
        assertThat(fetch(gw2, link.path("url").asString()).body()).isEqualTo(picture);
        assertThat(fetch(gw2, link.path("thumbnailUrl").asString()).headers().firstValue("Content-Type"))
                .hasValue("image/jpeg");
        // Not a member: nothing, as for an upload that does not exist.
        assertThat(gw2.call("GET", "/api/attachments/" + id + "/link", cy, null).status()).isEqualTo(404);

        // An upload is its uploader's to attach, to one message (a retry of that message is that message).
        RestClient.Response borrowed = gw2.call("POST", "/api/messages/send", ben, Map.of("receiverId", "at-ann",
                "content", "mine now", "attachments", List.of(Map.of("id", id)), "clientMessageId", "ben-1"));
        assertThat(borrowed.status()).isEqualTo(400);
        assertThat(borrowed.json().path("message").asString()).contains("is not one of your uploads");
        assertThat(gw1.call("POST", "/api/messages/send", ann, Map.of("receiverId", "at-cy", "content", "again",
                "attachments", List.of(Map.of("id", id)), "clientMessageId", "beach-2")).status()).isEqualTo(400);
        RestClient.Response retried = gw1.call("POST", "/api/messages/send", ann, send);
        assertThat(retried.json().path("duplicate").asBoolean()).isTrue();
        assertThat(retried.json().at("/message/_id").asString()).isEqualTo(messageId);

        // Deleted: the picture is gone for ben, and its links open nothing.
        assertThat(gw1.call("DELETE", "/api/messages/" + messageId, ann, null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                gw2.call("GET", "/api/attachments/" + id + "/link", ben, null).status() == 404);
        assertThat(fetch(gw2, link.path("url").asString()).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<byte[]> fetch(RestClient gateway, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.base() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y += 8) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
