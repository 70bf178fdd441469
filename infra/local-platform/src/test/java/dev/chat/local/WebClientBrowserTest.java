package dev.chat.local;

import static dev.chat.local.Browsers.PATIENCE;
import static dev.chat.local.Browsers.click;
import static dev.chat.local.Browsers.button;
import static dev.chat.local.Browsers.find;
import static dev.chat.local.Browsers.listItem;
import static dev.chat.local.Browsers.message;
import static dev.chat.local.Browsers.screenshot;
import static dev.chat.local.Browsers.send;
import static dev.chat.local.Browsers.startConversationWith;
import static dev.chat.local.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chat.testkit.TcpProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The built-in web client in a real browser (the system's Chromium, driven by Selenium), against the whole
 * platform: two people in two browser sessions. Skipped, saying why, where no Chromium is installed.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.WEB)
class WebClientBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Test
    void aliceAndBobChatAndContentIsTextNeverHtml() throws IOException {
        WebDriver alice = browsers.picked("alice", 1280, 800);
        WebDriver bob = browsers.picked("bob", 1280, 800);

        // alice finds bob and writes him something that would be markup if it were rendered as HTML.
        startConversationWith(alice, "bob");
        String payload = "<img src=x onerror=alert(1)>";
        send(alice, payload);

        // bob's list shows alice with one unread; opening the conversation clears it.
        // The list is redrawn on every frame: the badge is read where it is found (again, if it was redrawn).
        waiting().until(() -> {
            WebElement badge = find(bob, "[aria-label='Conversations'] li [aria-label='1 unread']");
            return badge != null && badge.getText().equals("1");
        });
        assertThat(listItem(bob, "Alice Liddell")).isNotNull();
        assertThat(bob.getTitle()).isEqualTo("(1) Chat");
        // bob opens it from the keyboard: Tab from the search box to the conversation, Enter. The list is
        // redrawn on every frame (presence, typing …): the focus stays on the item.
        bob.findElement(By.cssSelector("[aria-label='Search']")).click();
        new Actions(bob).sendKeys(Keys.TAB).perform();
        waiting().until(() -> listItem(bob, "Alice Liddell").equals(bob.switchTo().activeElement()));
        send(alice, "are you there?");
        waiting().until(() -> find(bob, "[aria-label='Conversations'] li [aria-label='2 unread']") != null);
        assertThat(bob.switchTo().activeElement()).as("focus kept through the redraw")
                .isEqualTo(listItem(bob, "Alice Liddell"));
        new Actions(bob).sendKeys(Keys.ENTER).perform();
        WebElement messages = bob.findElement(By.cssSelector("[role='region'][aria-label='Messages']"));
        waiting().until(() -> messages.getText().contains(payload));
        assertThat(messages.findElements(By.tagName("img"))).isEmpty();
        screenshot(bob, "desktop");
        waiting().until(() -> find(bob, "[aria-label$=' unread']") == null);

        // alice sees her message read.
        waiting().until(() -> find(alice, "#messages [aria-label='read']") != null);

        // A message's actions show only where the pointer or the keyboard is: hidden, then hovered, then focused.
        WebElement composer = bob.findElement(By.id("message"));
        new Actions(bob).moveToElement(composer).perform();
        waiting().until(() -> !button(message(bob, payload), "Reply").isDisplayed());
        waiting().until(() -> {
            new Actions(bob).moveToElement(message(bob, payload)).perform();
            return button(message(bob, payload), "Reply").isDisplayed();
        });
        new Actions(bob).moveToElement(composer).perform();
        waiting().until(() -> !button(message(bob, payload), "Reply").isDisplayed());
        waiting().until(() -> {
            WebElement reply = button(message(bob, payload), "Reply");
            ((JavascriptExecutor) bob).executeScript("arguments[0].focus()", reply);
            return reply.isDisplayed();
        });

        // bob replies to it; alice reacts to the reply; bob edits it, then deletes it: each shows on the other side.
        click(() -> button(message(bob, payload), "Reply"));
        send(bob, "got it");
        waiting().until(() -> message(alice, "got it") != null);
        // Now bob has written to her, alice sees he is online (written to, he had shown her nothing: consent).
        waiting().until(() -> alice.findElement(By.id("presence")).getText().equals("online"));
        waiting().untilAsserted(() -> assertThat(message(alice, "got it").findElement(By.cssSelector(".quote")).getText())
                .isEqualTo("Alice Liddell: " + payload));
        click(() -> message(alice, "got it").findElement(By.cssSelector("[aria-label='React with \uD83D\uDC4D']")));
        waiting().until(() -> message(bob, "got it") != null
                && !message(bob, "got it").findElements(By.cssSelector("[aria-label='1 \uD83D\uDC4D']")).isEmpty());
        click(() -> button(message(bob, "got it"), "Edit"));
        send(bob, Keys.chord(Keys.CONTROL, "a") + "got it!");
        waiting().until(() -> message(alice, "got it!") != null
                && message(alice, "got it!").getText().contains("edited"));
        click(() -> button(message(bob, "got it!"), "Delete"));
        waiting().until(() -> message(alice, "This message was deleted") != null);

        // Shift+Enter makes a new line; the Send button sends.
        Browsers.type(alice, "two", Keys.chord(Keys.SHIFT, Keys.ENTER), "lines");
        alice.findElement(By.xpath("//button[text()='Send']")).click();
        waiting().until(() -> message(bob, "two\nlines") != null);

        // alice closes her browser: once her grace period is over, bob sees when she was last seen.
        browsers.close(alice);
        waiting().until(() -> bob.findElement(By.id("presence")).getText().startsWith("last seen "));
    }

    /**
     * dave's browser reaches the gateway through a proxy the test cuts: a banner says so, carol's message sent
     * meanwhile arrives once after the client reconnects and resumes. Typing shows while carol types (in
     * dave's list, and in the conversation he opens while she types), and lapses when she stops.
     */
    @Test
    void aMessageSentWhileCutOffArrivesOnceAfterReconnectingAndTypingShowsAndLapses() {
        try (TcpProxy proxy = new TcpProxy(new InetSocketAddress("127.0.0.1", WebPlatform.platform().gatewayPort(0)))) {
            WebDriver carol = browsers.picked("carol", 1280, 800);
            WebDriver dave = browsers.picked("dave", 1280, 800, "http://127.0.0.1:" + proxy.port() + "/");
            startConversationWith(carol, "dave");
            send(carol, "first");
            waiting().until(() -> listItem(dave, "Carol Danvers") != null);

            // carol types (on and on) before dave opens the conversation: his list says so, and so does the
            // conversation once he opens it — the server told him only when she started.
            waiting().until(() -> {
                Browsers.type(carol, ".");
                return listItem(dave, "Carol Danvers").getText().contains("typing…");
            });
            click(() -> listItem(dave, "Carol Danvers"));
            WebElement messages = dave.findElement(By.cssSelector("[role='region'][aria-label='Messages']"));
            waiting().until(() -> {
                Browsers.type(carol, ".");
                return messages.getText().contains("first")
                        && dave.findElement(By.id("typing")).getText().equals("Carol Danvers is typing…");
            });
            // She pauses: it lapses.
            waiting().until(() -> dave.findElement(By.id("typing")).getText().isEmpty());
            Browsers.type(carol, Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);

            proxy.cut();
            waiting().until(() -> dave.findElement(By.id("banner")).isDisplayed());
            send(carol, "while you were away");
            waiting().until(() -> carol.findElement(By.id("messages")).getText()
                    .contains("while you were away") && find(carol, "#messages [aria-label='pending']") == null);
            proxy.restore();

            waiting().atMost(PATIENCE.multipliedBy(2))
                    .until(() -> messages.getText().contains("while you were away"));
            waiting().until(() -> !dave.findElement(By.id("banner")).isDisplayed());
            assertThat(messages.getText().split("while you were away", -1)).as("shown once").hasSize(2);
        }
    }

    @Test
    void aPhoneShowsOnePaneAtATime() throws IOException {
        WebDriver carol = browsers.picked("carol", 390, 800);
        carol.findElement(By.cssSelector("[aria-label='Search']")).sendKeys("dave");
        waiting().until(() -> find(carol, "#people li") != null);
        assertThat(carol.findElement(By.id("conversation")).isDisplayed()).isFalse();
        click(() -> find(carol, "#people li"));
        waiting().until(() -> carol.findElement(By.id("conversation")).isDisplayed());
        assertThat(carol.findElement(By.id("sidebar")).isDisplayed()).isFalse();
        screenshot(carol, "phone");
        carol.findElement(By.cssSelector("[aria-label='Back to conversations']")).click();
        waiting().until(() -> carol.findElement(By.id("sidebar")).isDisplayed());
    }

    /**
     * A sign-in link carries a one-time code, never the token: after the browser has opened two such links (one
     * in a page already open), its history holds no token, and the codes it holds are spent. A link with a token
     * is refused (the browser has already written it into its history; the client cannot take it back).
     */
    @Test
    void aSignInLinkLeavesNoTokenInTheBrowsersHistory() throws IOException {
        RestClient rest = new RestClient(WebPlatform.base().replaceAll("/$", ""));
        String ivy = rest.token("ivy");
        String jack = rest.token("jack");
        String ivysCode = Browsers.signInCode(WebPlatform.base(), ivy);
        WebDriver browser = browsers.launch(1280, 800);
        browser.get(WebPlatform.base() + "#code=" + ivysCode);
        Browsers.signedIn(browser, "ivy");

        // The page is open; a host application sets a new link's fragment: it signs in the new user.
        String jacksCode = Browsers.signInCode(WebPlatform.base(), jack);
        Browsers.script(browser, "location.hash = arguments[0];", "#code=" + jacksCode);
        Browsers.signedIn(browser, "jack");

        java.nio.file.Path profile = browsers.profile(browser);
        browsers.close(browser);
        byte[] history = java.nio.file.Files.walk(profile)
                .filter(file -> file.getFileName().toString().startsWith("History"))
                .filter(java.nio.file.Files::isRegularFile)
                .map(file -> {
                    try {
                        return java.nio.file.Files.readAllBytes(file);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .reduce(new byte[0], (a, b) -> {
                    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
                    System.arraycopy(b, 0, all, a.length, b.length);
                    return all;
                });
        String text = new String(history, java.nio.charset.StandardCharsets.ISO_8859_1);
        // The history is the one the links went into (it has the code link), and holds neither token.
        assertThat(text).contains("#code=" + ivysCode).doesNotContain(ivy).doesNotContain(jack);
        // What it holds is spent.
        assertThat(rest.call("POST", "/api/sign-in-codes/redeem", null, java.util.Map.of("code", ivysCode)).status())
                .isEqualTo(400);

        // A link with the token itself: refused, taken out of the address bar, nobody signed in.
        WebDriver other = browsers.launch(1280, 800);
        other.get(WebPlatform.base() + "#token=" + ivy);
        waiting().until(() -> other.findElement(By.id("notice")).getText().contains("not accepted"));
        assertThat(other.getCurrentUrl()).doesNotContain("token");
        assertThat(other.findElement(By.id("login")).isDisplayed()).isTrue();
    }
}
