package dev.chat.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Browser sessions of one test (headless Chromium, each with its own profile, so each its own session
 * storage and token), quit after the test ({@code @RegisterExtension}), and the questions the tests ask a
 * page.
 */
final class Browsers implements AfterEachCallback {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<WebDriver> open = new ArrayList<>();
    private final java.util.Map<WebDriver, Path> profiles = new java.util.HashMap<>();

    /**
     * Waiting for the page: the client draws a list or conversation anew on every change, so an element
     * found a moment ago may be gone; the condition is then asked again.
     */
    static ConditionFactory waiting() {
        return await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class);
    }

    /** Clicks what {@code element} finds once it is there (found again if it was redrawn meanwhile). */
    static void click(Supplier<WebElement> element) {
        waiting().until(() -> {
            WebElement found = element.get();
            if (found == null) {
                return false;
            }
            found.click();
            return true;
        });
    }

    /** A demo user picked from the client's picker. */
    WebDriver picked(String user, int width, int height) {
        return picked(user, width, height, WebPlatform.base());
    }

    WebDriver picked(String user, int width, int height, String url) {
        WebDriver browser = launch(width, height);
        browser.get(url);
        waiting().until(() -> find(browser, "#picker button") != null);
        click(() -> browser.findElements(By.cssSelector("#picker button")).stream()
                .filter(b -> b.getText().equals(user)).findFirst().orElse(null));
        return signedIn(browser, user);
    }

    /**
     * Any user, by a sign-in link (as a host application would open the client): a one-time code for the token,
     * in the address's fragment.
     */
    WebDriver withToken(String user, String token, int width, int height, String url) {
        WebDriver browser = launch(width, height);
        browser.get(url + "#code=" + URLEncoder.encode(signInCode(url, token), StandardCharsets.UTF_8));
        return signedIn(browser, user);
    }

    /** A one-time sign-in code for {@code token}, from the gateway at {@code url}. */
    static String signInCode(String url, String token) {
        return new RestClient(url.replaceAll("/$", "")).call("POST", "/api/sign-in-codes", token, null).json()
                .path("code").asString();
    }

    static WebDriver signedIn(WebDriver browser, String user) {
        waiting().until(() -> browser.findElement(By.id("me")).getText().equals(user));
        if (browser.getCurrentUrl().contains("code=") || browser.getCurrentUrl().contains("token")) {
            throw new AssertionError("the sign-in link stayed in the address bar: " + browser.getCurrentUrl());
        }
        return browser;
    }

    /** The browser's profile directory (its history, among others). */
    Path profile(WebDriver browser) {
        return profiles.get(browser);
    }

    /** Closes one browser before the test ends (its user goes offline). */
    void close(WebDriver browser) {
        browser.quit();
        open.remove(browser);
    }

    WebDriver launch(int width, int height) {
        String profile = tempDir();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(WebPlatform.CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(WebPlatform.CHROMEDRIVER.toFile()).build();
        WebDriver browser = new ChromeDriver(service, options);
        open.add(browser);
        profiles.put(browser, Path.of(profile));
        return browser;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(WebDriver::quit);
        open.clear();
    }

    // --- what a page shows ---

    static WebElement find(WebDriver browser, String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The stored message (not a pending send) whose text is exactly this, or null. The conversation is drawn
     * anew on every change, so a bubble found a moment ago may be gone while it is read: then it is looked for
     * again.
     */
    static WebElement message(WebDriver browser, String text) {
        for (int attempt = 0; ; attempt++) {
            try {
                for (WebElement bubble : browser.findElements(By.cssSelector("#messages .msg[data-id]"))) {
                    List<WebElement> texts = bubble.findElements(By.cssSelector(".text"));
                    if (!texts.isEmpty() && texts.get(0).getText().equals(text)) {
                        return bubble;
                    }
                }
                return null;
            } catch (StaleElementReferenceException redrawn) {
                if (attempt >= 20) {
                    throw redrawn;
                }
            }
        }
    }

    /** The button with this text inside {@code scope}, or null (also when there is no scope). */
    static WebElement button(WebElement scope, String text) {
        if (scope == null) {
            return null;
        }
        List<WebElement> found = scope.findElements(By.xpath(".//button[text()='" + text + "']"));
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The conversation list's item containing this text (a name), or null. The list is drawn anew on every frame
     * (presence, typing …): an item found a moment ago may be gone while it is read, then it is looked for again.
     */
    static WebElement listItem(WebDriver browser, String text) {
        for (int attempt = 0; ; attempt++) {
            try {
                return browser.findElements(By.cssSelector("[aria-label='Conversations'] li")).stream()
                        .filter(li -> li.getText().contains(text)).findFirst().orElse(null);
            } catch (StaleElementReferenceException redrawn) {
                if (attempt >= 20) {
                    throw redrawn;
                }
            }
        }
    }

    /** Searches people by name and opens the direct conversation with the first found. */
    static void startConversationWith(WebDriver browser, String name) {
        browser.findElement(By.cssSelector("[aria-label='Search']")).sendKeys(name);
        click(() -> find(browser, "#people li"));
    }

    static void type(WebDriver browser, CharSequence... keys) {
        browser.findElement(By.cssSelector("[aria-label='Message']")).sendKeys(keys);
    }

    static void send(WebDriver browser, String text) {
        type(browser, text, Keys.ENTER);
    }

    static Object script(WebDriver browser, String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("chromium").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
