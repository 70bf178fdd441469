package dev.chat.local;

import static dev.chat.local.Browsers.PATIENCE;
import static dev.chat.local.Browsers.click;
import static dev.chat.local.Browsers.find;
import static dev.chat.local.Browsers.listItem;
import static dev.chat.local.Browsers.message;
import static dev.chat.local.Browsers.script;
import static dev.chat.local.Browsers.send;
import static dev.chat.local.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.chat.testkit.TcpProxy;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** A long conversation in the browser: paging back, following new messages, and a send that failed. */
@SharedPlatforms.Shared(SharedPlatforms.Shape.WEB)
class WebClientHistoryBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();
    private final RestClient rest = new RestClient("http://localhost:" + WebPlatform.platform().gatewayPort(0));

    @Test
    void olderPagesComeInAboveWithoutMovingWhatIsReadAndNewMessagesWaitBehindAPill() {
        String ivan = rest.token("ivan");
        for (int i = 1; i <= 80; i++) {
            assertThat(rest.call("POST", "/api/messages/send", ivan,
                    Map.of("receiverId", "judy", "content", "line " + i)).status()).isEqualTo(201);
        }
        WebDriver judy = browsers.withToken("judy", rest.token("judy"), 1280, 700, WebPlatform.base());
        waiting().until(() -> listItem(judy, "ivan") != null);
        click(() -> listItem(judy, "ivan"));
        waiting().until(() -> message(judy, "line 80") != null);
        assertThat(messages(judy)).as("one page").hasSize(50);
        assertThat(atBottom(judy)).isTrue();

        // At the top, the page before comes in above, and the message that was there stays in its place.
        double before = ((Number) script(judy, "const box = document.getElementById('messages'); box.scrollTop = 0;"
                + " return arguments[0].getBoundingClientRect().top - box.getBoundingClientRect().top;",
                message(judy, "line 31"))).doubleValue();
        waiting().until(() -> messages(judy).size() == 80);
        assertThat(message(judy, "line 1")).isNotNull();
        assertThat(offset(judy, "line 31")).isCloseTo(before, within(2.0));

        // Scrolled up, a new message does not move the page: a pill says it is there.
        rest.call("POST", "/api/messages/send", ivan, Map.of("receiverId", "judy", "content", "fresh"));
        waiting().until(() -> judy.findElement(By.id("new-pill")).isDisplayed());
        assertThat(message(judy, "fresh")).isNotNull();
        assertThat(offset(judy, "line 31")).isCloseTo(before, within(2.0));
        assertThat(atBottom(judy)).isFalse();

        // The pill takes her down; at the bottom, the next message is followed without a pill.
        judy.findElement(By.id("new-pill")).click();
        waiting().until(() -> atBottom(judy) && !judy.findElement(By.id("new-pill")).isDisplayed());
        rest.call("POST", "/api/messages/send", ivan, Map.of("receiverId", "judy", "content", "followed"));
        waiting().until(() -> message(judy, "followed") != null);
        assertThat(atBottom(judy)).isTrue();
        assertThat(judy.findElement(By.id("new-pill")).isDisplayed()).isFalse();
        assertThat(messages(judy)).hasSize(82).doesNotHaveDuplicates();
    }

    /** kim writes while her connection is down: the message stays with "retry", and retried, arrives once. */
    @Test
    void aMessageWrittenOfflineStaysWithRetryAndArrivesOnceWhenRetried() {
        rest.call("POST", "/api/messages/send", rest.token("lee"), Map.of("receiverId", "kim", "content", "hi kim"));
        try (TcpProxy proxy = new TcpProxy(new InetSocketAddress("127.0.0.1", WebPlatform.platform().gatewayPort(0)))) {
            WebDriver kim = browsers.withToken("kim", rest.token("kim"), 1280, 800,
                    "http://127.0.0.1:" + proxy.port() + "/");
            WebDriver lee = browsers.withToken("lee", rest.token("lee"), 1280, 800, WebPlatform.base());
            waiting().until(() -> listItem(kim, "lee") != null && listItem(lee, "kim") != null);
            click(() -> listItem(kim, "lee"));
            click(() -> listItem(lee, "kim"));
            waiting().until(() -> message(kim, "hi kim") != null);

            proxy.cut();
            waiting().until(() -> kim.findElement(By.id("banner")).isDisplayed());
            send(kim, "written offline");
            waiting().until(() -> {
                WebElement retry = find(kim, "#messages .failed button");
                return retry != null && retry.getText().equals("Not sent — retry");
            });

            proxy.restore();
            waiting().atMost(PATIENCE.multipliedBy(2)).until(() -> !kim.findElement(By.id("banner")).isDisplayed());
            assertThat(find(kim, "#messages .failed button")).as("waits for the user").isNotNull();
            click(() -> find(kim, "#messages .failed button"));
            waiting().until(() -> message(kim, "written offline") != null
                    && find(kim, "#messages [data-client-id]") == null);
            waiting().until(() -> message(lee, "written offline") != null);
            assertThat(messages(lee)).containsExactly("hi kim", "written offline");
        }
    }

    private static java.util.List<String> messages(WebDriver browser) {
        return browser.findElements(By.cssSelector("#messages .msg[data-id] .text")).stream()
                .map(WebElement::getText).toList();
    }

    private static boolean atBottom(WebDriver browser) {
        return (Boolean) script(browser, "const box = document.getElementById('messages');"
                + " return box.scrollHeight - box.scrollTop - box.clientHeight < 2;");
    }

    private static double offset(WebDriver browser, String text) {
        return ((Number) script(browser, "return arguments[0].getBoundingClientRect().top"
                + " - document.getElementById('messages').getBoundingClientRect().top;", message(browser, text)))
                .doubleValue();
    }
}
