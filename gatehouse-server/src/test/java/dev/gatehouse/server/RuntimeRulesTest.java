package dev.gatehouse.server;

import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.config.ConfigLoader;
import dev.gatehouse.core.config.GatehouseConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's runtime hands the HTTP edge the rules of GATEHOUSE_RULES, kept current. */
class RuntimeRulesTest {
    private static final String ONE_RULE = "rules:\n  - {name: assets, path_prefix: /assets, policy: public}\n";
    private static final String TWO_RULES = ONE_RULE + "  - {name: admin, path_prefix: /admin, policy: deny}\n";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void writeTheFirstRules() throws IOException {
        file = dir.resolve("rules.yaml");
        write(ONE_RULE, T0);
    }

    private void write(String text, Instant modified) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static List<String> names(AccessRules rules) {
        return rules.rules().stream().map(AccessRule::name).toList();
    }

    @Test
    void theRuntimeOffersTheCurrentRules() throws IOException {
        GatehouseConfig config = ConfigLoader.load(Map.of("STORE", "memory", "GATEHOUSE_RULES", file.toString()), Map.of());
        try (GatehouseRuntime runtime = GatehouseRuntime.open(config, Clock.systemUTC())) {
            java.util.function.Supplier<AccessRules> rules = runtime.accessRules();
            assertThat(names(rules.get())).containsExactly("assets");

            write(TWO_RULES, T0.plusSeconds(5));
            assertThat(runtime.rulesReloader().orElseThrow().reloadIfChanged()).isTrue();
            assertThat(names(rules.get())).containsExactly("assets", "admin");
        }
    }

    @Test
    void withoutARulesFileEverythingNeedsASignedInUser() {
        try (GatehouseRuntime runtime = GatehouseRuntime.open(ConfigLoader.load(Map.of("STORE", "memory"), Map.of()), Clock.systemUTC())) {
            assertThat(runtime.accessRules().get()).isEqualTo(AccessRules.authenticatedByDefault());
            assertThat(runtime.rulesReloader()).isEmpty();
        }
    }
}
