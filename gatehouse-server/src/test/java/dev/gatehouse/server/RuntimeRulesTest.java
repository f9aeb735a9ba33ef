package dev.gatehouse.server;

import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.server.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's runtime hands the HTTP edge the rules of GATEHOUSE_RULES, kept current (file times set by hand). */
class RuntimeRulesTest {
    @Test
    void theRuntimeOffersTheCurrentRules(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("rules.yaml"), "rules:\n  - {name: assets, path_prefix: /assets, policy: public}\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        try (GatehouseRuntime runtime = GatehouseRuntime.open(
                ConfigLoader.load(Map.of("STORE", "memory", "GATEHOUSE_RULES", file.toString()), Map.of()), Clock.systemUTC())) {
            Supplier<AccessRules> rules = runtime.accessRules();
            assertThat(rules.get().rules()).extracting(AccessRule::name).containsExactly("assets");

            Files.writeString(file, "rules:\n  - {name: admin, path_prefix: /admin, policy: deny}\n");
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2025-01-01T00:00:05Z")));
            assertThat(runtime.rulesReloader().orElseThrow().reloadIfChanged()).isTrue();
            assertThat(rules.get().rules()).extracting(AccessRule::name).containsExactly("admin");
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
