package dev.chat.local;

import static dev.chat.local.Browsers.button;
import static dev.chat.local.Browsers.click;
import static dev.chat.local.Browsers.find;
import static dev.chat.local.Browsers.listItem;
import static dev.chat.local.Browsers.message;
import static dev.chat.local.Browsers.screenshot;
import static dev.chat.local.Browsers.send;
import static dev.chat.local.Browsers.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** A group in the browser: created from the client, named, its members changed, seen live by each member. */
@SharedPlatforms.Shared(SharedPlatforms.Shape.WEB)
class WebClientGroupsBrowserTest {

    @RegisterExtension
    final Browsers browsers = new Browsers();
    private final RestClient rest = new RestClient("http://localhost:" + WebPlatform.platform().gatewayPort(0));

    @Test
    void aGroupIsCreatedRenamedAndChangedAndEveryMemberSeesIt() throws IOException {
        Map<String, String> names = Map.of("frank", "Frank Herbert", "grace", "Grace Hopper", "heidi", "Heidi Lamarr");
        names.forEach((user, name) -> assertThat(rest.call("PUT", "/api/users/me", rest.token(user),
                Map.of("fullName", name)).status()).isEqualTo(200));
        waiting().until(() -> names.keySet().stream().allMatch(user -> rest.call("GET",
                "/api/users?q=" + user, rest.token("frank"), null).json().at("/users").size() == 1));
        WebDriver frank = browsers.withToken("frank", rest.token("frank"), 1280, 800, WebPlatform.base());
        WebDriver grace = browsers.withToken("grace", rest.token("grace"), 1280, 800, WebPlatform.base());
        WebDriver heidi = browsers.withToken("heidi", rest.token("heidi"), 1280, 800, WebPlatform.base());

        // frank creates "Book club" with grace and heidi, and writes in it.
        frank.findElement(By.xpath("//button[text()='New group']")).click();
        frank.findElement(By.cssSelector("#group-dialog [aria-label='Group name']")).sendKeys("Book club");
        addPerson(frank, "#group-dialog", "grace", "Grace Hopper");
        addPerson(frank, "#group-dialog", "heidi", "Heidi Lamarr");
        frank.findElement(By.xpath("//button[text()='Create group']")).click();
        waiting().until(() -> frank.findElement(By.id("title")).getText().equals("Book club"));
        assertThat(frank.findElement(By.id("presence")).getText()).isEqualTo("3 members");
        send(frank, "Welcome!");

        // grace has it in her list, unread, with who wrote; opened, the message names its sender.
        waiting().until(() -> listItem(grace, "Book club") != null
                && !listItem(grace, "Book club").findElements(By.cssSelector("[aria-label='1 unread']")).isEmpty());
        waiting().until(() -> listItem(grace, "Book club").getText().contains("Frank Herbert: Welcome!"));
        click(() -> listItem(grace, "Book club"));
        waiting().until(() -> message(grace, "Welcome!") != null);
        assertThat(message(grace, "Welcome!").findElement(By.cssSelector(".sender")).getText())
                .isEqualTo("Frank Herbert");

        // An admin may delete anyone's message; a member only her own.
        send(grace, "spoiler!");
        waiting().until(() -> message(frank, "spoiler!") != null);
        // The conversation is redrawn as ticks and frames arrive: a bubble found a moment ago may be gone, then it is
        // found again. Hers has a Delete button; the admin's message has none for her (not hers, and she is no admin).
        waiting().until(() -> button(message(grace, "spoiler!"), "Delete") != null
                && message(grace, "Welcome!") != null && button(message(grace, "Welcome!"), "Delete") == null);
        click(() -> button(message(frank, "spoiler!"), "Delete"));
        waiting().until(() -> message(grace, "This message was deleted") != null);
        waiting().until(() -> listItem(heidi, "Book club") != null);
        click(() -> listItem(heidi, "Book club"));

        // grace, a member but no admin, may rename it but neither add nor remove anyone.
        grace.findElement(By.id("details-toggle")).click();
        assertThat(grace.findElement(By.id("member-list")).getText())
                .contains("Frank Herbert · admin", "Grace Hopper (you)", "Heidi Lamarr");
        assertThat(grace.findElements(By.xpath("//aside[@id='details']//button[text()='Remove']"))).isEmpty();
        assertThat(grace.findElement(By.id("member-add")).isDisplayed()).isFalse();
        WebElement rename = grace.findElement(By.cssSelector("#details [aria-label='Group name']"));
        rename.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Book club 2026", Keys.ENTER);
        waiting().until(() -> frank.findElement(By.id("title")).getText().equals("Book club 2026")
                && listItem(heidi, "Book club 2026") != null);

        // frank, the admin, removes heidi: she is told, and can no longer write; the others see two members.
        frank.findElement(By.id("details-toggle")).click();
        frank.findElement(By.cssSelector("[aria-label='Remove Heidi Lamarr from the group']")).click();
        waiting().until(() -> heidi.findElement(By.id("left-note")).isDisplayed());
        assertThat(heidi.findElement(By.id("composer")).isDisplayed()).isFalse();
        waiting().until(() -> grace.findElement(By.id("presence")).getText().equals("2 members")
                && !grace.findElement(By.id("member-list")).getText().contains("Heidi"));
        screenshot(frank, "group");

        // ... and adds her again: she may write again.
        addPerson(frank, "#details", "heidi", "Heidi Lamarr");
        waiting().until(() -> heidi.findElement(By.id("composer")).isDisplayed()
                && !heidi.findElement(By.id("left-note")).isDisplayed());
        waiting().until(() -> grace.findElement(By.id("presence")).getText().equals("3 members"));
        // grace's open details name her (the frame has ids; the names come once the read model has the change).
        waiting().until(() -> grace.findElement(By.id("member-list")).getText().contains("Heidi Lamarr"));

        // grace leaves.
        grace.findElement(By.xpath("//button[text()='Leave group']")).click();
        waiting().until(() -> grace.findElement(By.id("left-note")).isDisplayed()
                && frank.findElement(By.id("presence")).getText().equals("2 members"));
    }

    private static void addPerson(WebDriver browser, String scope, String query, String name) {
        browser.findElement(By.cssSelector(scope + " [aria-label='Add people']")).sendKeys(query);
        // Read and clicked where found: the results are drawn anew as they come.
        waiting().until(() -> {
            WebElement found = find(browser, scope + " .found li");
            return found != null && found.findElement(By.cssSelector(".summary")).getText().equals("Add " + name);
        });
        click(() -> find(browser, scope + " .found li"));
        String members = scope.equals("#details") ? "#member-list" : "#group-chosen";
        waiting().until(() -> browser.findElement(By.cssSelector(members)).getText().contains(name));
    }
}
