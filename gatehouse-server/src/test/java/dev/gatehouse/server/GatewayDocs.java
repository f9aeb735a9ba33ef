package dev.gatehouse.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * The proxy configurations of docs/GATEWAY.md, as the gateway tests run them: read out of the
 * document's fenced blocks, so that what the docs show is what is tested.
 */
final class GatewayDocs {
    /** Surefire runs in the module directory; the docs are the repository's. */
    static final Path FILE = Path.of("..", "docs", "GATEWAY.md");

    private GatewayDocs() {
    }

    /** The one fenced block of this language ({@code nginx}, {@code caddyfile}); fails when there is none or more than one. */
    static String block(String language) {
        if (!Files.isRegularFile(FILE)) {
            fail(FILE.toAbsolutePath().normalize() + " is missing: the gateway tests run the configurations it documents");
        }
        String text;
        try {
            text = Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher block = Pattern.compile("^```" + Pattern.quote(language) + "\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL).matcher(text);
        if (!block.find()) {
            fail(FILE + " has no ```" + language + " block");
        }
        String found = block.group(1);
        if (block.find()) {
            fail(FILE + " has more than one ```" + language + " block: the test would not know which one is meant");
        }
        return found;
    }

    /**
     * {@code text} with each documented placeholder replaced; fails when one is missing, so that a
     * change of the docs cannot leave a production address in the tested configuration.
     */
    static String substitute(String text, Map<String, String> replacements) {
        String result = text;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (!result.contains(replacement.getKey())) {
                fail("the documented configuration no longer contains '" + replacement.getKey() + "', which the test replaces:\n" + text);
            }
            result = result.replace(replacement.getKey(), replacement.getValue());
        }
        return result;
    }
}
