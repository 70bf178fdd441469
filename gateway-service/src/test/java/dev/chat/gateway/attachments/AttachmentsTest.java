package dev.chat.gateway.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.gateway.SharedGatewayContext;
import dev.chat.gateway.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;

/**
 * Uploads and downloads over real HTTP, on the embedded broker and Mongo stand-in, with the filesystem store: the
 * type comes from the bytes, the limits hold, only the uploader fetches an upload no message carries, links are
 * signed and expire, and uploads nobody attached are swept.
 */
@SharedGatewayContext
class AttachmentsTest {

    private static final String SECRET = "local-development-secret-change-me-please-0123456789";

    @LocalServerPort
    private int port;
    @Autowired
    private ReactiveMongoTemplate mongo;
    @Autowired
    private UploadSweeper sweeper;
    private WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(30 * 1024 * 1024)).build();
    }

    @Test
    void aPictureNamedExeIsStoredAsAPictureAndOnlyItsUploaderFetchesIt() throws Exception {
        byte[] picture = FileInspectorTest.png(800, 600);
        JsonNode uploaded = upload("ann", "holiday.exe", picture, HttpStatus.CREATED);
        JsonNode attachment = uploaded.path("attachment");
        String id = attachment.path("id").asString();
        assertThat(attachment.path("contentType").asString()).isEqualTo("image/png");
        // Kept under a name that says what it is, so no system opens it as a program.
        assertThat(attachment.path("name").asString()).isEqualTo("holiday.exe.png");
        assertThat(attachment.path("size").asLong()).isEqualTo(picture.length);
        assertThat(attachment.path("width").asInt()).isEqualTo(800);
        assertThat(attachment.path("height").asInt()).isEqualTo(600);
        assertThat(attachment.path("thumbnailUrl").asString()).isEqualTo("/api/attachments/" + id + "?variant=thumbnail");

        JsonNode link = get("/api/attachments/" + id + "/link", "ann", HttpStatus.OK);
        byte[] original = http.get().uri(link.path("url").asString()).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().value("Content-Disposition", d -> assertThat(d).startsWith("inline"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(original).isEqualTo(picture);
        http.get().uri(link.path("thumbnailUrl").asString()).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_JPEG);
        // Large files are fetched in ranges.
        byte[] part = http.get().uri(link.path("url").asString()).header("Range", "bytes=0-7").exchange()
                .expectStatus().isEqualTo(HttpStatus.PARTIAL_CONTENT).expectBody(byte[].class).returnResult()
                .getResponseBody();
        assertThat(part).isEqualTo(java.util.Arrays.copyOf(picture, 8));
        // With the token: sent to a link.
        http.get().uri("/api/attachments/" + id).headers(h -> h.setBearerAuth(TestTokens.token("ann"))).exchange()
                .expectStatus().isFound().expectHeader().value("Location", l -> assertThat(l).contains("/content?"));

        // Anyone else: the same 404 as for an upload that does not exist.
        JsonNode stranger = get("/api/attachments/" + id + "/link", "bea", HttpStatus.NOT_FOUND);
        JsonNode none = get("/api/attachments/" + "f".repeat(32) + "/link", "bea", HttpStatus.NOT_FOUND);
        assertThat(stranger).isEqualTo(none);
        http.get().uri("/api/attachments/" + id).headers(h -> h.setBearerAuth(TestTokens.token("bea"))).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/attachments/" + id + "/link").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theBytesDecideTheLimitsHoldAndEveryRefusalSaysWhy() {
        byte[] program = new byte[4096];
        System.arraycopy(FileInspectorTest.ELF, 0, program, 0, FileInspectorTest.ELF.length);
        assertThat(upload("ann", "cat.png", program, HttpStatus.UNSUPPORTED_MEDIA_TYPE).path("message").asString())
                .contains("application/x-executable").contains("not accepted");
        assertThat(upload("ann", "empty.txt", new byte[0], HttpStatus.BAD_REQUEST).path("message").asString())
                .isEqualTo("the file is empty");
        JsonNode tooLarge = upload("ann", "big.txt", new byte[26 * 1024 * 1024], HttpStatus.CONTENT_TOO_LARGE);
        assertThat(tooLarge.path("success").asBoolean()).isFalse();
        assertThat(tooLarge.path("message").asString()).contains("larger than 25 MB");
        MultipartBodyBuilder noFile = new MultipartBodyBuilder();
        noFile.part("other", "x");
        assertThat(http.post().uri("/api/attachments").headers(h -> h.setBearerAuth(TestTokens.token("ann")))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(noFile.build()))
                .exchange().expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("message").asString()).contains("part named \"file\"");

        // Not an image: downloaded, never shown.
        String pdf = upload("ann", "a.pdf", "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1),
                HttpStatus.CREATED).at("/attachment/id").asString();
        JsonNode link = get("/api/attachments/" + pdf + "/link", "ann", HttpStatus.OK);
        assertThat(link.has("thumbnailUrl")).isFalse();
        http.get().uri(link.path("url").asString()).exchange().expectStatus().isOk()
                .expectHeader().value("Content-Disposition", d -> assertThat(d).startsWith("attachment")
                        .contains("a.pdf"));
    }

    @Test
    void anExpiredOrChangedLinkOpensNothing() {
        String id = upload("ann", "note.txt", "hello".getBytes(StandardCharsets.UTF_8), HttpStatus.CREATED)
                .at("/attachment/id").asString();
        SignedLinks past = new SignedLinks(SECRET, Duration.ofMinutes(-1), Clock.systemUTC());
        String expired = past.sign(id, SignedLinks.Variant.ORIGINAL).url();
        assertThat(http.get().uri(expired).exchange().expectStatus().isForbidden().expectBody(JsonNode.class)
                .returnResult().getResponseBody().path("message").asString()).contains("expired");

        String good = get("/api/attachments/" + id + "/link", "ann", HttpStatus.OK).path("url").asString();
        http.get().uri(good.replace("variant=original", "variant=thumbnail")).exchange().expectStatus().isForbidden();
        http.get().uri(good.replaceAll("signature=[^&]*", "signature=forged")).exchange().expectStatus().isForbidden();
        http.get().uri(good).exchange().expectStatus().isOk();
    }

    @Test
    void anUploadNoMessageCarriesIsSweptAwayBytesAndAll() throws Exception {
        String id = upload("ann", "draft.png", FileInspectorTest.png(50, 50), HttpStatus.CREATED)
                .at("/attachment/id").asString();
        String kept = upload("ann", "fresh.png", FileInspectorTest.png(50, 50), HttpStatus.CREATED)
                .at("/attachment/id").asString();
        Path stored = Path.of(System.getProperty("java.io.tmpdir"), "attachments", id, "original");
        assertThat(stored).exists();
        mongo.getCollection(Uploads.COLLECTION).flatMap(c -> reactor.core.publisher.Mono.from(c.updateOne(
                new Document("_id", id), new Document("$set", new Document(Upload.CREATED_AT,
                        Date.from(Instant.now().minus(Duration.ofDays(2)))))))).block();

        assertThat(sweeper.sweep().block()).isGreaterThanOrEqualTo(1);

        get("/api/attachments/" + id + "/link", "ann", HttpStatus.NOT_FOUND);
        assertThat(Files.exists(stored)).isFalse();
        get("/api/attachments/" + kept + "/link", "ann", HttpStatus.OK);
    }

    private JsonNode upload(String user, String name, byte[] bytes, HttpStatus expected) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", bytes).filename(name).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return http.post().uri("/api/attachments").headers(h -> h.setBearerAuth(TestTokens.token(user)))
                .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(body.build()))
                .exchange().expectStatus().isEqualTo(expected).expectBody(JsonNode.class).returnResult()
                .getResponseBody();
    }

    private JsonNode get(String path, String user, HttpStatus expected) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(TestTokens.token(user))).exchange()
                .expectStatus().isEqualTo(expected).expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
