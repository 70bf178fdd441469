package dev.chat.local;

import static dev.chat.local.Browsers.click;
import static dev.chat.local.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.chat.contracts.ChatJson;
import dev.chat.testkit.FakePushService;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.HasDevTools;
import org.openqa.selenium.devtools.v156.serviceworker.ServiceWorker;
import org.openqa.selenium.devtools.v156.serviceworker.model.RegistrationID;
import tools.jackson.databind.JsonNode;

/**
 * Notifications in the web client, in Chromium, on the whole platform with the notifier. Headless Chromium
 * cannot subscribe to a real push service, so the page's {@code PushManager.subscribe} answers with a
 * subscription of a push service on this machine; the platform pushes there, and what arrived (decrypted) is
 * handed to the page's service worker with the DevTools command a push service's delivery would trigger.
 */
@SharedPlatforms.Shared(SharedPlatforms.Shape.WEB)
class WebClientNotificationsBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @Test
    void aPushShowsTheSendersTextAndReadingItElsewhereMeansNoEmail() throws Exception {
        try (FakePushService pushService = new FakePushService()) {
            String user = "nina" + System.nanoTime() % 100000;
            String sender = "otto" + System.nanoTime() % 100000;
            RestClient rest = new RestClient(WebPlatform.base().replaceAll("/$", ""));
            String token = rest.token(user);
            String senderToken = rest.token(sender);
            WebDriver browser = browsers.withToken(user, token, 1000, 800, WebPlatform.base());
            ((ChromeDriver) browser).executeCdpCommand("Browser.grantPermissions", Map.of(
                    "origin", WebPlatform.base().replaceAll("/$", ""), "permissions", List.of("notifications")));
            DevTools devTools = ((HasDevTools) browser).getDevTools();
            devTools.createSession();
            AtomicReference<RegistrationID> registration = new AtomicReference<>();
            devTools.addListener(ServiceWorker.workerRegistrationUpdated(), registrations -> registrations.stream()
                    .filter(r -> !Boolean.TRUE.equals(r.getIsDeleted())).findFirst().ifPresent(r -> registration.set(r.getRegistrationId())));
            devTools.send(ServiceWorker.enable());

            // The page's push manager answers with the local push service's subscription.
            FakePushService.Subscription device = pushService.subscribe();
            ((JavascriptExecutor) browser).executeScript("""
                    const subscription = arguments[0];
                    PushManager.prototype.subscribe = async () => ({ endpoint: subscription.endpoint,
                        toJSON: () => subscription });
                    """, Map.of("endpoint", device.endpoint(), "expirationTime", 0,
                    "keys", Map.of("p256dh", device.p256dh(), "auth", device.auth())));
            String mailbox = user + "@example.test";
            click(() -> browser.findElement(By.id("settings")));
            browser.findElement(By.id("settings-email")).sendKeys(mailbox);
            click(() -> browser.findElement(By.id("push-enable")));
            waiting().until(() -> browser.findElement(By.id("push-state")).getText().contains("on for this browser"));
            click(() -> browser.findElement(By.cssSelector("#settings-form button[type=submit]")));
            waiting().until(() -> !browser.findElement(By.id("settings-dialog")).isDisplayed());
            waiting().until(() -> registration.get() != null);

            // otto writes while nina does nothing: a second later she is not active, and the push goes out.
            assertThat(rest.call("POST", "/api/messages/send", senderToken, Map.of("receiverId", user,
                    "content", "dinner at eight?")).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).until(() -> !pushService.to(device).isEmpty());
            String payload = pushService.to(device).get(0).payload();
            assertThat(ChatJson.mapper().readTree(payload).at("/body").asString()).isEqualTo("dinner at eight?");

            devTools.send(ServiceWorker.deliverPushMessage(WebPlatform.base().replaceAll("/$", ""),
                    registration.get(), payload));
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            waiting().untilAsserted(() -> {
                JsonNode shown = ChatJson.mapper().readTree((String) ((JavascriptExecutor) browser).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        navigator.serviceWorker.getRegistration().then(r => r.getNotifications())
                          .then(ns => done(JSON.stringify(ns.map(n => ({ title: n.title, body: n.body, tag: n.tag })))))
                          .catch(e => done(JSON.stringify([{ error: String(e) }])));
                        """));
                assertThat(shown).hasSize(1);
                assertThat(shown.get(0).at("/title").asString()).isEqualTo(sender);
                assertThat(shown.get(0).at("/body").asString()).isEqualTo("dinner at eight?");
            });

            // She reads it in another window before the email is due (45 s here): no email comes.
            WebDriver other = browsers.withToken(user, token, 1000, 800, WebPlatform.base());
            click(() -> Browsers.find(other, "#conversations li"));
            waiting().until(() -> Browsers.message(other, "dinner at eight?") != null);
            try (MongoClient mongo = MongoClients.create(WebPlatform.platform().mongoUri())) {
                var pending = mongo.getDatabase("chat").getCollection("notify_pending");
                await().atMost(Duration.ofSeconds(60)).until(() -> pending.countDocuments(Filters.and(
                        Filters.eq("userId", user), Filters.lt("emailDueAt",
                                Date.from(Instant.parse("9999-01-01T00:00:00Z"))))) == 0);
            }
            assertThat(Mailboxes.count(WebPlatform.platform().imapPort(), mailbox)).isZero();
            devTools.send(ServiceWorker.disable());
            devTools.close();
        }
    }
}
