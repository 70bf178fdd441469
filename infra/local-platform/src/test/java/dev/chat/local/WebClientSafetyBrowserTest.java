package dev.chat.local;

import static dev.chat.local.Browsers.button;
import static dev.chat.local.Browsers.click;
import static dev.chat.local.Browsers.listItem;
import static dev.chat.local.Browsers.message;
import static dev.chat.local.Browsers.screenshot;
import static dev.chat.local.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.contracts.MessageReported;
import dev.chat.contracts.ReportReason;
import dev.chat.contracts.Topics;
import dev.chat.testkit.KafkaProbe;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Keeping oneself safe in the web client, in Chromium: una reports vic's message (a reason from the list, a note)
 * and moderation gets it once; she blocks him from the conversation's header — her composer closes, his messages
 * are refused —, and unblocks him again.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.WEB)
class WebClientSafetyBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();
    private final RestClient rest = new RestClient(WebPlatform.base().replaceAll("/$", ""));

    @Test
    void aMessageIsReportedOnceAndItsSenderBlockedAndUnblocked() throws IOException {
        String vic = rest.token("vic");
        assertThat(rest.call("POST", "/api/messages/send", vic, Map.of("receiverId", "una",
                "content", "Buy cheap watches", "clientMessageId", "v1")).status()).isEqualTo(201);
        WebDriver una = browsers.withToken("una", rest.token("una"), 1280, 800, WebPlatform.base());
        waiting().until(() -> listItem(una, "vic") != null);
        click(() -> listItem(una, "vic"));
        waiting().until(() -> message(una, "Buy cheap watches") != null);

        try (KafkaProbe probe = KafkaProbe.start(WebPlatform.platform().bootstrapServers(), Topics.REPORTS.name())) {
            click(() -> button(message(una, "Buy cheap watches"), "Report"));
            waiting().until(() -> una.findElement(By.id("report-dialog")).isDisplayed());
            una.findElement(By.cssSelector("#report-reason option[value=spam]")).click();
            una.findElement(By.id("report-note")).sendKeys("Every day.");
            una.findElement(By.cssSelector("#report-form button[type=submit]")).click();
            waiting().until(() -> una.findElement(By.id("report-done")).getText().equals("Reported. Thank you."));
            una.findElement(By.cssSelector("#report-form button[type=submit]")).click();
            waiting().until(() -> una.findElement(By.id("report-done")).getText()
                    .equals("You reported this message before."));
            una.findElement(By.id("report-cancel")).click();
            waiting().until(() -> probe.payloads(Topics.REPORTS.name(), MessageReported.class).stream()
                    .anyMatch(r -> r.reporterId().equals("una")));
            assertThat(probe.payloads(Topics.REPORTS.name(), MessageReported.class))
                    .filteredOn(r -> r.reporterId().equals("una")).singleElement().satisfies(r -> {
                        assertThat(r.reason()).isEqualTo(ReportReason.SPAM);
                        assertThat(r.note()).isEqualTo("Every day.");
                        assertThat(r.senderId()).isEqualTo("vic");
                    });
        }
        // Her own messages have no Report button.
        assertThat(rest.call("POST", "/api/messages/send", rest.token("una"), Map.of("receiverId", "vic",
                "content", "Stop it.", "clientMessageId", "u1")).status()).isEqualTo(201);
        waiting().until(() -> message(una, "Stop it.") != null);
        // Found again if the conversation was redrawn meanwhile (ticks, frames).
        waiting().until(() -> button(message(una, "Stop it."), "Edit") != null
                && button(message(una, "Stop it."), "Report") == null);

        // Blocked from the header: the composer closes, and vic is refused.
        click(() -> una.findElement(By.id("block")));
        waiting().until(() -> una.findElement(By.id("block")).getText().equals("Unblock"));
        assertThat(una.findElement(By.id("block")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(una.findElement(By.id("composer")).isDisplayed()).isFalse();
        assertThat(una.findElement(By.id("blocked-note")).isDisplayed()).isTrue();
        screenshot(una, "blocked");
        RestClient.Response refused = rest.call("POST", "/api/messages/send", vic, Map.of("receiverId", "una",
                "content", "Hello?", "clientMessageId", "v2"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asString()).isEqualTo(BlockingEndToEndTest.NOT_OPEN);
        assertThat(rest.call("GET", "/api/users/me/blocked", rest.token("una"), null).json().path("blocked")
                .findValuesAsString("userId")).containsExactly("vic");

        // Known after a reload too; unblocked, she writes again and so may he.
        una.navigate().refresh();
        click(() -> listItem(una, "vic"));
        waiting().until(() -> una.findElement(By.id("block")).getText().equals("Unblock"));
        click(() -> una.findElement(By.id("block")));
        waiting().until(() -> una.findElement(By.id("block")).getText().equals("Block"));
        assertThat(una.findElement(By.id("composer")).isDisplayed()).isTrue();
        assertThat(una.findElement(By.id("blocked-note")).isDisplayed()).isFalse();
        assertThat(rest.call("POST", "/api/messages/send", vic, Map.of("receiverId", "una",
                "content", "Sorry.", "clientMessageId", "v3")).status()).isEqualTo(201);
        waiting().until(() -> message(una, "Sorry.") != null);
    }
}
