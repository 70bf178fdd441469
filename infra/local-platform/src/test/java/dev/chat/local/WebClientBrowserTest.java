package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chat.testkit.TcpProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The built-in web client in a real browser (the system's Chromium, driven by Selenium), against the whole
 * platform: alice and bob in two browser sessions. Skipped, saying why, where no Chromium is installed.
 */
class WebClientBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static LocalPlatform platform;
    private static String base;
    private static final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium here: install the Debian packages chromium and chromium-driver (.ci/run does)");
        platform = new LocalPlatform(TestPlatforms.settings(Files.createTempDirectory("web"), null, null, 1, Map.of()))
                .start();
        base = "http://localhost:" + platform.gatewayPort(0) + "/";
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        browsers.forEach(WebDriver::quit);
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aliceAndBobChatAndContentIsTextNeverHtml() throws IOException {
        WebDriver alice = signedIn("alice", 1280, 800);
        WebDriver bob = signedIn("bob", 1280, 800);

        // alice finds bob and writes him something that would be markup if it were rendered as HTML.
        alice.findElement(By.cssSelector("[aria-label='Search']")).sendKeys("bob");
        await().atMost(Duration.ofSeconds(20)).until(() -> !alice.findElements(By.cssSelector("#people li")).isEmpty());
        alice.findElement(By.cssSelector("#people li")).click();
        String payload = "<img src=x onerror=alert(1)>";
        alice.findElement(By.cssSelector("[aria-label='Message']")).sendKeys(payload, Keys.ENTER);

        // bob's list shows alice with one unread; opening the conversation clears it.
        WebElement badge = await().atMost(Duration.ofSeconds(30)).until(() -> find(bob,
                "[aria-label='Conversations'] li [aria-label='1 unread']"), e -> e != null);
        WebElement item = bob.findElement(By.cssSelector("[aria-label='Conversations'] li"));
        assertThat(item.getText()).contains("Alice Liddell");
        assertThat(badge.getText()).isEqualTo("1");
        assertThat(bob.getTitle()).isEqualTo("(1) Chat");
        item.click();
        WebElement messages = bob.findElement(By.cssSelector("[role='region'][aria-label='Messages']"));
        await().atMost(Duration.ofSeconds(20)).until(() -> messages.getText().contains(payload));
        assertThat(messages.findElements(By.tagName("img"))).isEmpty();
        screenshot(bob, "desktop");
        await().atMost(Duration.ofSeconds(20)).until(() -> find(bob, "[aria-label$=' unread']") == null);

        // alice sees her message read.
        await().atMost(Duration.ofSeconds(20)).until(() -> find(alice, "#messages [aria-label='read']") != null);

        // bob replies to it; alice reacts to the reply; bob edits it, then deletes it: each shows on the other side.
        message(bob, payload).findElement(By.xpath(".//button[text()='Reply']")).click();
        bob.findElement(By.cssSelector("[aria-label='Message']")).sendKeys("got it", Keys.ENTER);
        WebElement reply = await().atMost(Duration.ofSeconds(20)).until(() -> message(alice, "got it"), e -> e != null);
        assertThat(reply.findElement(By.cssSelector(".quote")).getText()).isEqualTo("alice: " + payload);
        reply.findElement(By.cssSelector("[aria-label='React with \uD83D\uDC4D']")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> message(bob, "got it") != null
                && !message(bob, "got it").findElements(By.cssSelector("[aria-label='1 \uD83D\uDC4D']")).isEmpty());
        message(bob, "got it").findElement(By.xpath(".//button[text()='Edit']")).click();
        WebElement composer = bob.findElement(By.cssSelector("[aria-label='Message']"));
        composer.sendKeys(Keys.chord(Keys.CONTROL, "a"), "got it!", Keys.ENTER);
        await().atMost(Duration.ofSeconds(20)).until(() -> message(alice, "got it!") != null
                && message(alice, "got it!").getText().contains("edited"));
        message(bob, "got it!").findElement(By.xpath(".//button[text()='Delete']")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> message(alice, "This message was deleted") != null);
    }

    /** The message bubble whose text is exactly this, or null. */
    private static WebElement message(WebDriver browser, String text) {
        for (WebElement bubble : browser.findElements(By.cssSelector("#messages .msg"))) {
            List<WebElement> texts = bubble.findElements(By.cssSelector(".text"));
            if (!texts.isEmpty() && texts.get(0).getText().equals(text)) {
                return bubble;
            }
        }
        return null;
    }

    /**
     * dave's browser reaches the gateway through a proxy the test cuts: a banner says so, carol's message sent
     * meanwhile arrives once after the client reconnects and resumes. Typing shows while carol types, and
     * lapses when she stops.
     */
    @Test
    void aMessageSentWhileCutOffArrivesOnceAfterReconnectingAndTypingShowsAndLapses() {
        try (TcpProxy proxy = new TcpProxy(new InetSocketAddress("127.0.0.1", platform.gatewayPort(0)))) {
            WebDriver carol = signedIn("carol", 1280, 800);
            WebDriver dave = signedIn("dave", 1280, 800, "http://127.0.0.1:" + proxy.port() + "/");
            carol.findElement(By.cssSelector("[aria-label='Search']")).sendKeys("dave");
            await().atMost(Duration.ofSeconds(20)).until(() -> find(carol, "#people li") != null);
            carol.findElement(By.cssSelector("#people li")).click();
            WebElement composer = carol.findElement(By.cssSelector("[aria-label='Message']"));
            composer.sendKeys("first", Keys.ENTER);
            WebElement item = await().atMost(Duration.ofSeconds(30)).until(() -> find(dave,
                    "[aria-label='Conversations'] li"), e -> e != null);
            item.click();
            WebElement messages = dave.findElement(By.cssSelector("[role='region'][aria-label='Messages']"));
            await().atMost(Duration.ofSeconds(20)).until(() -> messages.getText().contains("first"));

            composer.sendKeys("typing away");
            await().atMost(Duration.ofSeconds(20)).until(() -> dave.findElement(By.id("typing")).getText()
                    .contains("carol is typing"));
            await().atMost(Duration.ofSeconds(30)).until(() -> dave.findElement(By.id("typing")).getText().isEmpty());
            composer.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);

            proxy.cut();
            await().atMost(Duration.ofSeconds(20)).until(() -> dave.findElement(By.id("banner")).isDisplayed());
            composer.sendKeys("while you were away", Keys.ENTER);
            await().atMost(Duration.ofSeconds(20)).until(() -> carol.findElement(By.id("messages")).getText()
                    .contains("while you were away") && find(carol, "#messages [aria-label='pending']") == null);
            proxy.restore();

            await().atMost(Duration.ofSeconds(40)).until(() -> messages.getText().contains("while you were away"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !dave.findElement(By.id("banner")).isDisplayed());
            assertThat(messages.getText().split("while you were away", -1)).as("shown once").hasSize(2);
        }
    }

    @Test
    void aPhoneShowsOnePaneAtATime() throws IOException {
        WebDriver carol = signedIn("carol", 390, 800);
        carol.findElement(By.cssSelector("[aria-label='Search']")).sendKeys("dave");
        await().atMost(Duration.ofSeconds(20)).until(() -> !carol.findElements(By.cssSelector("#people li")).isEmpty());
        assertThat(carol.findElement(By.id("conversation")).isDisplayed()).isFalse();
        carol.findElement(By.cssSelector("#people li")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> carol.findElement(By.id("conversation")).isDisplayed());
        assertThat(carol.findElement(By.id("sidebar")).isDisplayed()).isFalse();
        screenshot(carol, "phone");
        carol.findElement(By.cssSelector("[aria-label='Back to conversations']")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> carol.findElement(By.id("sidebar")).isDisplayed());
    }

    private static WebDriver signedIn(String user, int width, int height) {
        return signedIn(user, width, height, base);
    }

    private static WebDriver signedIn(String user, int width, int height, String url) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height, "--user-data-dir=" + tempDir());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        browsers.add(browser);
        browser.get(url);
        await().atMost(Duration.ofSeconds(20)).until(() -> find(browser, "#picker button") != null);
        browser.findElements(By.cssSelector("#picker button")).stream()
                .filter(b -> b.getText().equals(user)).findFirst().orElseThrow().click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("me")).getText().equals(user));
        return browser;
    }

    private static WebElement find(WebDriver browser, String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("chromium").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
