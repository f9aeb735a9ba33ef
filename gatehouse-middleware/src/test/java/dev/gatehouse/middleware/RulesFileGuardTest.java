package dev.gatehouse.middleware;

import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.rules.RulesFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A guard driven by the server's rules file, reloaded as it changes; time from a fake clock, file times set by hand. */
class RulesFileGuardTest {
    private static final String OPEN_DOCS = "rules:\n  - {name: docs, path_prefix: /docs, policy: public}\n";
    private static final String CLOSED_DOCS = "rules:\n  - {name: docs, path_prefix: /docs, policy: deny}\n";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;
    Path file;
    final MutableClock clock = MutableClock.atFixedStart();
    GatehouseGuard guard;

    @BeforeEach
    void writeRulesAndBuildTheGuard() throws IOException {
        file = dir.resolve("rules.yaml");
        write(OPEN_DOCS, T0);
        // No key is known: every token is refused, so these requests are all a stranger's.
        guard = GatehouseGuard.builder("https://auth.example", kid -> Optional.empty()).clock(clock).rulesFile(file).build();
    }

    private void write(String text, Instant modified) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private GuardOutcome get(String path) {
        RequestView none = new HeadersOnly(Map.of("Accept", "application/json"));
        return guard.check(none, "GET", "app.example", path);
    }

    @Test
    void theFilesRulesApplyAndTheDefaultNeedsASignIn() {
        assertThat(get("/docs/intro")).isInstanceOf(GuardOutcome.Proceed.class);
        assertThat(get("/account")).isInstanceOf(GuardOutcome.Unauthorized.class);
    }

    @Test
    void anEditTakesEffectAtTheNextLookAfterTheInterval() throws IOException {
        write(CLOSED_DOCS, T0.plusSeconds(5));
        clock.advance(GatehouseGuard.RULES_FILE_INTERVAL.minusMillis(1));
        assertThat(get("/docs/intro")).as("not looked at yet").isInstanceOf(GuardOutcome.Proceed.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(get("/docs/intro")).isInstanceOf(GuardOutcome.Forbidden.class);
    }

    @Test
    void aBadEditIsRefusedAndTheRulesInForceStay() throws IOException {
        write("rules:\n  - {name: docs, path_prefix: /docs, policy: {roles: [root]}}\n", T0.plusSeconds(5));
        clock.advance(GatehouseGuard.RULES_FILE_INTERVAL);
        assertThat(get("/docs/intro")).isInstanceOf(GuardOutcome.Proceed.class);
        write(CLOSED_DOCS, T0.plusSeconds(10));
        clock.advance(GatehouseGuard.RULES_FILE_INTERVAL);
        assertThat(get("/docs/intro")).isInstanceOf(GuardOutcome.Forbidden.class);
    }

    @Test
    void aBadFileStopsTheBuildWithItsProblemsNamed() throws IOException {
        write("rules:\n  - {name: docs, path_prefix: /docs, policy: maybe}\n", T0);
        assertThatThrownBy(() -> GatehouseGuard.builder("https://auth.example", kid -> Optional.empty()).rulesFile(file).build())
                .isInstanceOf(RulesFileException.class).hasMessageContaining("policy");
    }
}
