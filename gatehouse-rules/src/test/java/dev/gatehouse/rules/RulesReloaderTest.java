package dev.gatehouse.rules;

import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.Policy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Real files; time is moved with setLastModifiedTime, never waited for. */
class RulesReloaderTest {
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

    private static java.util.List<String> names(AccessRules rules) {
        return rules.rules().stream().map(AccessRule::name).toList();
    }

    @Test
    void opensWithTheFilesRules() {
        RulesReloader reloader = RulesReloader.open(file);

        assertThat(names(reloader.current())).containsExactly("assets");
        assertThat(reloader.reloadIfChanged()).as("nothing changed").isFalse();
    }

    @Test
    void aBadFileStopsTheStartWithItsProblemsNamed() throws IOException {
        write("rules:\n  - {name: admin, path_prefix: /admin, policy: {roles: [root]}}\n", T0);

        RulesFileException e = catchThrowableOfType(RulesFileException.class, () -> RulesReloader.open(file));
        assertThat(e.getMessage()).contains(file.toString(), "rule #1 \"admin\": policy: roles: unknown role 'root'");
        Path missing = dir.resolve("missing.yaml");
        assertThat(catchThrowableOfType(RulesFileException.class, () -> RulesReloader.open(missing)).getMessage())
                .contains(missing.toString(), "cannot be read");
    }

    @Test
    void aChangeIsPickedUp() throws IOException {
        RulesReloader reloader = RulesReloader.open(file);

        write(TWO_RULES, T0.plusSeconds(5));

        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(names(reloader.current())).containsExactly("assets", "admin");
        assertThat(reloader.reloadIfChanged()).as("already taken").isFalse();
    }

    @Test
    void aBadEditIsRefusedTheOldRulesStayAndAFixedEditIsPickedUp() throws IOException {
        RulesReloader reloader = RulesReloader.open(file);
        AccessRules before = reloader.current();

        write(ONE_RULE + "  - {name: admin, path_prefix: /admin, polcy: deny}\n", T0.plusSeconds(5));
        assertThat(reloader.reloadIfChanged()).isFalse();
        assertThat(reloader.current()).isSameAs(before);
        assertThat(reloader.reloadIfChanged()).as("the same bad file again").isFalse();
        assertThat(reloader.current()).isSameAs(before);

        write(TWO_RULES, T0.plusSeconds(10));
        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(names(reloader.current())).containsExactly("assets", "admin");
        assertThat(reloader.current().rules().get(1).policy()).isEqualTo(new Policy.Deny());
    }

    @Test
    void anEditWithTheSameSizeAndTimestampIsPickedUpByItsContent() throws IOException {
        RulesReloader reloader = RulesReloader.open(file);
        String sameLength = ONE_RULE.replace("policy: public", "policy: deny  ");
        assertThat(sameLength).hasSameSizeAs(ONE_RULE);

        write(sameLength, T0);

        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(reloader.current().rules().getFirst().policy()).isEqualTo(new Policy.Deny());
    }

    @Test
    void aFileGoneForAMomentKeepsTheRulesAndIsReadAgainWhenBack() throws IOException {
        RulesReloader reloader = RulesReloader.open(file);
        Files.delete(file);

        assertThat(reloader.reloadIfChanged()).isFalse();
        assertThat(reloader.reloadIfChanged()).isFalse();
        assertThat(names(reloader.current())).containsExactly("assets");

        write(TWO_RULES, T0.plusSeconds(5));
        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(names(reloader.current())).containsExactly("assets", "admin");
    }
}
