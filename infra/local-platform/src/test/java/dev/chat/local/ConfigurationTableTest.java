package dev.chat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration tables against the code they describe: every environment variable a service reads —
 * in its {@code application.yml}, service-kit's shared {@code chat-service-defaults.yml}, or its
 * {@code chat-environment.properties} for its own settings — or the launcher reads has a row, every row names something
 * read, a variable for a setting names a property its settings record has, and a row's default is the one the service
 * falls back to (the placeholder's in a YAML file, the record's {@code @DefaultValue} for its own settings). A setting
 * added, renamed or given another default without its row fails here.
 */
class ConfigurationTableTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):((?:[^{}]|\\{[^}]*})*)}");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern LAUNCHER_READ = Pattern.compile(
            "(?:getOrDefault|env\\.get|port\\(env,|getenv\\(\\))\\W*\"([A-Z][A-Z0-9_]*)\"|\"(CHAT_[A-Z0-9_]+)\"");
    private static final Pattern SETTINGS_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\"([a-z.-]+)\"\\)\\s*public record (\\w+)");
    private static final Pattern RECORD = Pattern.compile("record\\s+(\\w+)\\s*\\(");
    private static final Pattern DEFAULT_VALUE = Pattern.compile("@DefaultValue(?:\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\))?");
    private static final Pattern BOUND = Pattern.compile("@ConfigurationProperties\\(\"([a-z.-]+)\"\\)");
    /** Set by the platform, not by an operator. */
    private static final Set<String> NOT_SETTINGS = Set.of("HOSTNAME", "CHAT_PARENT_PID");

    private record Row(List<String> names, List<String> defaults) {
    }

    @Test
    void everySettingAServiceReadsHasARowWithItsDefault() throws IOException {
        Map<String, Row> rows = rows(section("## Configuration", "The local platform launcher additionally reads"));
        List<String> problems = new ArrayList<>();
        Set<String> read = new TreeSet<>();
        for (Path yml : serviceConfigurations()) {
            Matcher placeholder = PLACEHOLDER.matcher(Files.readString(yml));
            while (placeholder.find()) {
                String name = placeholder.group(1);
                String fallback = placeholder.group(2);
                read.add(name);
                if (NOT_SETTINGS.contains(name)) {
                    continue;
                }
                Row row = rows.get(name);
                if (row == null) {
                    problems.add(name + " (" + relative(yml) + ") has no row");
                } else if (stated(row, name) != null && !fallback.isEmpty() && !fallback.contains("${")
                        && !stated(row, name).equals(fallback)) {
                    problems.add(name + ": the README says `" + stated(row, name) + "`, " + relative(yml)
                            + " falls back to `" + fallback + "`");
                }
            }
        }
        Map<String, String> recordDefaults = recordDefaults();
        for (Path file : aliasFiles()) {
            Properties aliases = new Properties();
            try (var in = Files.newInputStream(file)) {
                aliases.load(in);
            }
            for (String name : aliases.stringPropertyNames()) {
                String property = aliases.getProperty(name).trim();
                read.add(name);
                Row row = rows.get(name);
                if (!recordDefaults.containsKey(property)) {
                    problems.add(name + " (" + relative(file) + ") names " + property + ", which no settings record has");
                } else if (row == null) {
                    problems.add(name + " (" + relative(file) + ") has no row");
                } else if (stated(row, name) != null && recordDefaults.get(property) != null
                        && !stated(row, name).equals(recordDefaults.get(property))) {
                    problems.add(name + ": the README says `" + stated(row, name) + "`, the settings record of "
                            + property + " `" + recordDefaults.get(property) + "`");
                }
            }
        }
        String services = servicesCode();
        List<String> bound = all(BOUND, services);
        for (String name : rows.keySet()) {
            // Read by name in Java, or bound to a settings record by Spring's relaxed binding (CHAT_TOPICS_PARTITIONS).
            String property = name.toLowerCase().replace('_', '.');
            boolean byBinding = bound.stream().anyMatch(prefix -> property.startsWith(prefix + "."));
            if (!read.contains(name) && !services.contains("\"" + name + "\"") && !byBinding
                    && !NOT_SETTINGS.contains(name)) {
                problems.add(name + " has a row but no service reads it");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everySettingTheLauncherReadsHasARow() throws IOException {
        Map<String, Row> rows = rows(section("The local platform launcher additionally reads", "## Benchmark"));
        Set<String> read = new TreeSet<>();
        for (Path source : javaSources(TestPlatforms.REPO.resolve("infra/local-platform/src/main"))) {
            Matcher matcher = LAUNCHER_READ.matcher(Files.readString(source));
            while (matcher.find()) {
                read.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            }
        }
        Map<String, Row> serviceRows = rows(section("## Configuration", "The local platform launcher additionally reads"));
        // A launcher setting may be explained in another's row (CHAT_EXTRA_GATEWAY_PORT with CHAT_GATEWAY_INSTANCES).
        List<String> mentioned = all(NAME, section("The local platform launcher additionally reads", "## Benchmark"));
        List<String> problems = new ArrayList<>();
        for (String name : read) {
            if (!mentioned.contains(name) && !serviceRows.containsKey(name) && !NOT_SETTINGS.contains(name)
                    && !name.endsWith("_")) {
                problems.add(name + " is read by the launcher but has no row");
            }
        }
        for (String name : rows.keySet()) {
            if (!read.contains(name) && !name.endsWith("_")) {
                problems.add(name + " has a launcher row but the launcher does not read it");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Each service's variables for its own settings (service-kit's EnvironmentAliases reads them). */
    private static List<Path> aliasFiles() throws IOException {
        try (Stream<Path> modules = Files.list(TestPlatforms.REPO)) {
            List<Path> found = modules.map(module -> module.resolve("src/main/resources/chat-environment.properties"))
                    .filter(Files::exists).sorted().toList();
            assertThat(found).hasSizeGreaterThanOrEqualTo(5);
            return found;
        }
    }

    private record Component(String name, String type, String defaultValue) {
    }

    /**
     * Every property of the settings records ({@code @ConfigurationProperties} records, nested records followed) and
     * the default it states with {@code @DefaultValue} — null where it states none.
     */
    private static Map<String, String> recordDefaults() throws IOException {
        Map<String, String> defaults = new HashMap<>();
        List<Path> sources = new ArrayList<>(javaSources(TestPlatforms.REPO.resolve("infra/service-kit/src/main/java")));
        try (Stream<Path> modules = Files.list(TestPlatforms.REPO)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                sources.addAll(javaSources(module.resolve("src/main/java")));
            }
        }
        for (Path source : sources) {
            String code = Files.readString(source).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
            Matcher root = SETTINGS_RECORD.matcher(code);
            if (root.find()) {
                flatten(root.group(1), root.group(2), records(code), defaults);
            }
        }
        assertThat(defaults).as("settings records found").hasSizeGreaterThan(50);
        return defaults;
    }

    private static void flatten(String prefix, String record, Map<String, List<Component>> records,
            Map<String, String> defaults) {
        for (Component component : records.getOrDefault(record, List.of())) {
            String property = prefix + "." + component.name().replaceAll("([A-Z])", "-$1").toLowerCase();
            if (records.containsKey(component.type())) {
                flatten(property, component.type(), records, defaults);
            } else {
                defaults.put(property, component.defaultValue());
            }
        }
    }

    /** The components of every record declared in this source, by the record's simple name. */
    private static Map<String, List<Component>> records(String code) {
        Map<String, List<Component>> records = new HashMap<>();
        Matcher record = RECORD.matcher(code);
        while (record.find()) {
            int depth = 1;
            int at = record.end();
            while (depth > 0) {
                char c = code.charAt(at++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            List<Component> components = new ArrayList<>();
            for (String parameter : topLevel(code.substring(record.end(), at - 1))) {
                String flat = parameter.replaceAll("\\s+", " ").trim();
                Matcher stated = DEFAULT_VALUE.matcher(flat);
                String defaultValue = stated.find() ? (stated.group(1) != null ? stated.group(1) : "") : null;
                String[] words = flat.replaceAll("@\\w+(\\(\"[^\"]*\"\\))?", "").trim().split(" ");
                if (words.length >= 2) {
                    components.add(new Component(words[words.length - 1], words[words.length - 2], defaultValue));
                }
            }
            records.put(record.group(1), components);
        }
        return records;
    }

    /** Splits a parameter list at its top-level commas (not those inside generics, annotations or strings). */
    private static List<String> topLevel(String parameters) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < parameters.length(); i++) {
            char c = parameters.charAt(i);
            if (c == '"' && (i == 0 || parameters.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '<' || c == '(')) {
                depth++;
            } else if (!quoted && (c == '>' || c == ')')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(parameters.substring(start, i));
                start = i + 1;
            }
        }
        if (!parameters.substring(start).isBlank()) {
            parts.add(parameters.substring(start));
        }
        return parts;
    }

    /** The default a row states for one of its names, or null when it says it in words. */
    private static String stated(Row row, String name) {
        return row.defaults().size() == row.names().size() ? row.defaults().get(row.names().indexOf(name)) : null;
    }

    private static Map<String, Row> rows(String table) {
        Map<String, Row> rows = new HashMap<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.substring(1).split("\\|");
            List<String> names = all(NAME, cells[0]);
            Row row = new Row(names, all(CODE, cells[1]));
            names.forEach(name -> rows.put(name, row));
        }
        return rows;
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String section(String from, String to) throws IOException {
        String readme = Files.readString(TestPlatforms.REPO.resolve("README.md"));
        int start = readme.indexOf(from);
        int end = readme.indexOf(to, start + from.length());
        assertThat(start).as(from).isNotNegative();
        assertThat(end).as(to).isGreaterThan(start);
        return readme.substring(start, end);
    }

    private static List<Path> serviceConfigurations() throws IOException {
        try (Stream<Path> modules = Files.list(TestPlatforms.REPO)) {
            List<Path> found = new ArrayList<>(modules.map(module -> module.resolve("src/main/resources/application.yml"))
                    .filter(Files::exists).sorted().toList());
            assertThat(found).hasSizeGreaterThanOrEqualTo(5);
            // What every service shares, stated once in service-kit.
            found.add(TestPlatforms.REPO.resolve("infra/service-kit/src/main/resources/chat-service-defaults.yml"));
            return found;
        }
    }

    /** Every service's main Java code: a few settings are read there rather than in application.yml. */
    private static String servicesCode() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> modules = Files.list(TestPlatforms.REPO)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                for (Path source : javaSources(module.resolve("src/main/java"))) {
                    code.append(Files.readString(source));
                }
            }
        }
        for (Path source : javaSources(TestPlatforms.REPO.resolve("infra/service-kit/src/main/java"))) {
            code.append(Files.readString(source));
        }
        return code.toString();
    }

    private static List<Path> javaSources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }

    private static String relative(Path file) {
        return TestPlatforms.REPO.relativize(file).toString();
    }
}
