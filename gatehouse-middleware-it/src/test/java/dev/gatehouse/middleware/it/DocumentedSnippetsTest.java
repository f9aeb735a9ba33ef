package dev.gatehouse.middleware.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrations docs/GATEWAY.md shows are the ones the hostile sweeps run: every line of a
 * snippet marked {@code <!-- snippet: name -->} appears, in the same order, in the test that
 * sweeps that integration (indentation and trailing comments aside; a test line may hold more,
 * such as the {@code return} or the variable a documented expression is given to). A snippet edited without its
 * test, or a test that drifted from the docs, fails here.
 */
class DocumentedSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path DOCS = ROOT.resolve("docs/GATEWAY.md");
    private static final Pattern SNIPPET = Pattern.compile("<!-- snippet: ([a-z-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    /** Which test runs each snippet. */
    private static final Map<String, Path> TESTS = Map.of(
            "javalin", ROOT.resolve("gatehouse-middleware/src/test/java/dev/gatehouse/middleware/matrix/JavalinMatrixTest.java"),
            "jetty", ROOT.resolve("gatehouse-middleware/src/test/java/dev/gatehouse/middleware/matrix/JettyServletMatrixTest.java"),
            "tomcat", ROOT.resolve("gatehouse-middleware-it/src/test/java/dev/gatehouse/middleware/it/TomcatMatrixTest.java"),
            "servlet-api", ROOT.resolve("gatehouse-middleware-it/src/test/java/dev/gatehouse/middleware/it/TomcatMatrixTest.java"),
            "spring-boot", ROOT.resolve("gatehouse-middleware-it/src/test/java/dev/gatehouse/middleware/it/boot/GatehouseFilterConfig.java"));

    static List<String> snippets() throws IOException {
        return new ArrayList<>(snippetsIn(Files.readString(DOCS)).keySet());
    }

    @ParameterizedTest
    @MethodSource("snippets")
    void everyDocumentedLineRunsInTheSweepOfItsIntegration(String name) throws IOException {
        assertThat(TESTS).as("the test that runs snippet " + name).containsKey(name);
        List<String> documented = codeLines(snippetsIn(Files.readString(DOCS)).get(name));
        List<String> tested = codeLines(Files.readString(TESTS.get(name)));
        int at = 0;
        for (String line : documented) {
            int found = at;
            while (found < tested.size() && !tested.get(found).contains(line)) {
                found++;
            }
            assertThat(found).as("snippet " + name + ": '" + line + "' in " + TESTS.get(name) + " after code line " + at).isLessThan(tested.size());
            at = found + 1;
        }
    }

    @Test
    void everyIntegrationHasItsSnippet() throws IOException {
        assertThat(snippetsIn(Files.readString(DOCS)).keySet()).containsAll(TESTS.keySet());
    }

    private static Map<String, String> snippetsIn(String markdown) {
        Map<String, String> snippets = new LinkedHashMap<>();
        Matcher matcher = SNIPPET.matcher(markdown);
        while (matcher.find()) {
            snippets.put(matcher.group(1), matcher.group(2));
        }
        return snippets;
    }

    /** Lines without indentation and trailing {@code //} comments; blank and comment-only lines dropped. */
    private static List<String> codeLines(String code) {
        List<String> lines = new ArrayList<>();
        for (String raw : code.split("\n")) {
            String line = raw.strip();
            int comment = line.indexOf("//");
            while (comment >= 0 && insideString(line, comment)) {
                comment = line.indexOf("//", comment + 2);
            }
            line = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static boolean insideString(String line, int index) {
        int quotes = 0;
        for (int i = 0; i < index; i++) {
            if (line.charAt(i) == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }
}
