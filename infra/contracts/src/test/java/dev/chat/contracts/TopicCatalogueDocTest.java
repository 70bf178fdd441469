package dev.chat.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's topic catalogue is the code's catalogue: a change to one without the other fails. */
class TopicCatalogueDocTest {

    private static final String START = "<!-- topics:start -->";
    private static final String END = "<!-- topics:end -->";

    @Test
    void readmeTopicTableMatchesTheCatalogue() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        String documented = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END)).strip();

        assertThat(documented).as("README topic table; expected:%n%s", table()).isEqualTo(table());
    }

    static String table() {
        return "| Topic | Key | Partitions | Retention | Producer | Consumers | Purpose |\n"
                + "|---|---|---|---|---|---|---|\n"
                + Topics.allWithDeadLetters().stream().map(TopicCatalogueDocTest::row).collect(Collectors.joining("\n"));
    }

    private static String row(TopicSpec spec) {
        return "| `" + spec.name() + "` | " + spec.key() + " | " + spec.partitions() + " | " + retention(spec) + " | "
                + spec.producer() + " | " + String.join(", ", spec.consumers()) + " | " + spec.description() + " |";
    }

    private static String retention(TopicSpec spec) {
        if (spec.compacted()) {
            return "compacted";
        }
        Duration retention = spec.retention();
        if (retention == null) {
            return "forever";
        }
        if (retention.toDays() > 0) {
            return retention.toDays() + " d";
        }
        return retention.toHours() > 0 ? retention.toHours() + " h" : retention.toMinutes() + " min";
    }
}
