package dev.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlPolicyTest {

    @Test
    void onlyAbsoluteHttpsLinksWithAHostAreStored() {
        UrlPolicy production = new UrlPolicy(false);
        assertThat(production.problem("avatarUrl", "https://cdn.example/a.png")).isEmpty();
        assertThat(production.problem("avatarUrl", "HTTPS://cdn.example/a.png")).isEmpty();
        for (String url : new String[] {"javascript:alert(1)", "JavaScript:alert(1)", "data:image/png;base64,AAAA",
                "vbscript:msgbox", "file:///etc/passwd", "http://cdn.example/a.png", "/relative.png", "https:///x",
                "not a url"}) {
            assertThat(production.problem("avatarUrl", url)).as(url).contains("avatarUrl must be an absolute https URL");
        }
        assertThat(production.problem("avatarUrl", "https://x/" + "a".repeat(2048))).get().asString()
                .contains("longer than 2048");
    }

    @Test
    void httpOnlyWhereAllowedForDevelopment() {
        UrlPolicy development = new UrlPolicy(true);
        assertThat(development.problem("url", "http://localhost:8080/a.png")).isEmpty();
        assertThat(development.problem("url", "javascript:alert(1)")).contains("url must be an absolute http or https URL");
    }
}
