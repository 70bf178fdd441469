package dev.chat.local;

import static dev.chat.local.Browsers.click;
import static dev.chat.local.Browsers.listItem;
import static dev.chat.local.Browsers.message;
import static dev.chat.local.Browsers.screenshot;
import static dev.chat.local.Browsers.send;
import static dev.chat.local.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A picture and where its message stands, in Chromium: ria attaches a picture and writes to sam while he is away
 * (✓ sent), sam opens the app and his list shows it (✓✓ grey, delivered), sam opens the conversation — the picture
 * shows as a thumbnail, a click opens it whole — (✓✓ blue, read).
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.WEB)
class WebClientPictureBrowserTest {

    private static final String GREY = "rgba(138, 138, 138, 1)";
    private static final String BLUE = "rgba(26, 115, 232, 1)";

    @RegisterExtension
    final Browsers browsers = new Browsers();
    private final RestClient rest = new RestClient(WebPlatform.base().replaceAll("/$", ""));

    @Test
    void aPictureShowsOnTheOtherSideAndItsTicksGoFromSentToDeliveredToRead() throws IOException {
        assertThat(rest.call("POST", "/api/messages/send", rest.token("sam"), Map.of("receiverId", "ria",
                "content", "Is the parcel coming?", "clientMessageId", "s1")).status()).isEqualTo(201);
        WebDriver ria = browsers.withToken("ria", rest.token("ria"), 1280, 800, WebPlatform.base());
        click(() -> listItem(ria, "sam"));
        waiting().until(() -> message(ria, "Is the parcel coming?") != null);

        Path picture = Files.write(Files.createTempDirectory("picture").resolve("parcel.png"),
                AttachmentsEndToEndTest.png(800, 600));
        ria.findElement(By.id("file-input")).sendKeys(picture.toString());
        waiting().until(() -> ria.findElement(By.id("tray")).getText().contains("parcel.png"));
        send(ria, "It arrives at five.");
        waiting().until(() -> "sent".equals(tick(ria, "It arrives at five.")));
        assertThat(ria.findElement(By.id("tray")).isDisplayed()).as("the tray went with the message").isFalse();
        assertThat(tickColour(ria, "It arrives at five.")).isEqualTo(GREY);
        assertThat(tickText(ria, "It arrives at five.")).isEqualTo("✓");
        screenshot(ria, "receipts-sent");

        WebDriver sam = browsers.withToken("sam", rest.token("sam"), 1280, 800, WebPlatform.base());
        waiting().until(() -> listItem(sam, "ria") != null);
        waiting().until(() -> "delivered".equals(tick(ria, "It arrives at five.")));
        assertThat(tickText(ria, "It arrives at five.")).isEqualTo("✓✓");
        assertThat(tickColour(ria, "It arrives at five.")).isEqualTo(GREY);
        screenshot(ria, "receipts-delivered");

        click(() -> listItem(sam, "ria"));
        waiting().until(() -> message(sam, "It arrives at five.") != null);
        // The picture: a thumbnail in the conversation (the gateway's are 320 pixels on the longer edge), the whole
        // picture a click away.
        waiting().until(() -> loaded(sam, "#messages img.thumb") == 320);
        screenshot(sam, "picture-preview");
        click(() -> sam.findElement(By.cssSelector("#messages .picture")));
        waiting().until(() -> loaded(sam, "#viewer-image") == 800);
        assertThat(sam.findElement(By.id("viewer-name")).getText()).contains("parcel.png").contains("800×600");
        screenshot(sam, "picture-full");
        sam.findElement(By.id("viewer-close")).click();
        waiting().until(() -> "read".equals(tick(ria, "It arrives at five.")));
        assertThat(tickText(ria, "It arrives at five.")).isEqualTo("✓✓");
        assertThat(tickColour(ria, "It arrives at five.")).isEqualTo(BLUE);
        screenshot(ria, "receipts-read");

        // Known after a reload too: history carries it.
        ria.navigate().refresh();
        click(() -> listItem(ria, "sam"));
        waiting().until(() -> "read".equals(tick(ria, "It arrives at five.")));
    }

    /** The natural width of the first image matching {@code css} once it has loaded; 0 before. */
    private static long loaded(WebDriver browser, String css) {
        Object width = Browsers.script(browser, "const img = document.querySelector(arguments[0]);"
                + " return img && img.complete ? img.naturalWidth : 0;", css);
        return width == null ? 0 : ((Number) width).longValue();
    }

    /** The state the message's ticks announce ('sent', 'delivered', 'read'), or null while it is redrawn. */
    private static String tick(WebDriver browser, String text) {
        return read(browser, text, meta -> meta.getAttribute("aria-label"));
    }

    private static String tickText(WebDriver browser, String text) {
        return read(browser, text, meta -> meta.findElement(By.cssSelector(".tick")).getText().trim());
    }

    private static String tickColour(WebDriver browser, String text) {
        return read(browser, text, meta -> meta.findElement(By.cssSelector(".tick")).getCssValue("color"));
    }

    private static String read(WebDriver browser, String text, java.util.function.Function<WebElement, String> what) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                WebElement bubble = message(browser, text);
                return bubble == null ? null : what.apply(bubble.findElement(By.cssSelector(".meta")));
            } catch (StaleElementReferenceException redrawn) {
                // drawn anew meanwhile: look again
            }
        }
        return null;
    }
}
