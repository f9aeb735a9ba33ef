package dev.gatehouse.server;

import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.core.config.GatehouseConfig;
import dev.gatehouse.core.config.StoreKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every flag of {@code serve} reaches the setting of the same meaning, and wins over the environment. */
class ConfigOptionsTest {
    @Test
    void everyFlagMapsToItsSetting() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--host", "0.0.0.0", "--port", "9000", "--auth-type", "basic_auth",
                "--session-name", "sid", "--session-duration", "1h", "--session-idle-timeout", "15m", "--cookie-secure", "true",
                "--store", "memory", "--db-url", "jdbc:sqlite:/tmp/x.db", "--admin-email", "root@example.com",
                "--admin-password", " root password ", "--max-body-bytes", "2048", "--hash-concurrency", "3",
                "--token-service-secret", "t".repeat(64));
        GatehouseConfig config = serve.options.load(Map.of("API_PORT", "1234", "STORE", "sqlite"));

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.authMethods()).isEqualTo(Set.of(AuthMethod.BASIC));
        assertThat(config.sessionCookieName()).isEqualTo("sid");
        assertThat(config.sessionDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.cookieSecure()).isTrue();
        assertThat(config.store()).isEqualTo(StoreKind.MEMORY);
        assertThat(config.dbUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(config.adminEmail()).hasValue("root@example.com");
        assertThat(config.adminPassword().orElseThrow().value()).isEqualTo(" root password ");
        assertThat(config.maxBodyBytes()).isEqualTo(2048);
        assertThat(config.hashConcurrency()).isEqualTo(3);
        assertThat(config.tokenServiceSecret().orElseThrow().value()).isEqualTo("t".repeat(64));
        assertThat(config.toString()).doesNotContain("root password").doesNotContain("tttt");
    }

    @Test
    void theRulesFlagWinsOverTheEnvironment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path flagged = java.nio.file.Files.writeString(dir.resolve("flag.yaml"), "rules: []\n");
        java.nio.file.Path fromEnvironment = java.nio.file.Files.writeString(dir.resolve("env.yaml"), "rules: []\n");
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--rules", flagged.toString());

        assertThat(serve.options.load(Map.of("GATEHOUSE_RULES", fromEnvironment.toString())).rules()).hasValue(flagged);
    }
}
