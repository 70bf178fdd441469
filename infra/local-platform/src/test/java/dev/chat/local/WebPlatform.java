package dev.chat.local;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What a browser test class talks to — the platform its classes share ({@link SharedPlatforms.Shape#WEB}) and the
 * client's address on its gateway — and the browser it drives, without which it skips, saying why.
 */
final class WebPlatform {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebPlatform() {
    }

    /** Skips the class where no Chromium is installed (before a platform is started for it). */
    static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no Chromium here: install the Debian packages chromium and chromium-driver (.ci/run does)");
    }

    static LocalPlatform platform() {
        return SharedPlatforms.platform();
    }

    static String base() {
        return "http://localhost:" + platform().gatewayPort(0) + "/";
    }
}
