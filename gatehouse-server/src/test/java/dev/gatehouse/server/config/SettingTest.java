package dev.gatehouse.server.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SettingTest {
    @Test
    void theReadmeDocumentsEverySettingAsTheTableDeclaresIt() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(readme).as("README.md's settings table; paste Setting.markdownTable() there").contains(Setting.markdownTable());
    }

    @Test
    void noTwoSettingsShareAFlagOrAnEnvironmentName() {
        Set<String> names = new HashSet<>();
        for (Setting setting : Setting.values()) {
            assertThat(names.add(setting.flag())).as(setting.flag()).isTrue();
            for (String name : setting.environmentNames()) {
                assertThat(names.add(name)).as(name).isTrue();
            }
        }
    }

    @Test
    void everyDeclaredDefaultIsValidAndMeansTheSameAsLeavingTheSettingOut() {
        Map<String, String> spelledOut = new HashMap<>();
        for (Setting setting : Setting.values()) {
            setting.defaultValue().ifPresent(value -> spelledOut.put(setting.environmentNames().get(0), value));
        }

        assertThat(spelledOut).hasSizeGreaterThan(20);
        assertThat(ConfigLoader.load(spelledOut, Map.of())).isEqualTo(ConfigLoader.load(Map.of(), Map.of()));
    }

    @Test
    void theDefaultsAreTheLibrarysSecureDefaults() {
        GatehouseConfig config = ConfigLoader.load(Map.of(), Map.of());

        assertThat(config.http()).isEqualTo(dev.gatehouse.http.HttpSettings.defaults(config.publicUrl()));
    }

    @Test
    void helpNeverQuotesASecretsValueAndSaysToPreferTheVariable() {
        for (Setting setting : Setting.values()) {
            assertThat(setting.helpText().contains("Prefer the variable")).as(setting.flag()).isEqualTo(setting.secret());
            if (setting.secret()) {
                assertThat(setting.defaultValue()).as(setting.flag()).isEmpty();
            }
        }
    }
}
