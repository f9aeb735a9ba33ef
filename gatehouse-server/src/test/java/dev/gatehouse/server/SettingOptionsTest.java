package dev.gatehouse.server;

import dev.gatehouse.core.authn.AuthMethod;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.Setting;
import dev.gatehouse.server.config.SettingOptions;
import dev.gatehouse.server.config.StoreKind;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every flag of {@code serve} reaches the setting of the same meaning, and wins over the environment. */
class SettingOptionsTest {
    @Test
    void everyFlagMapsToItsSetting() {
        CommandLine.Model.CommandSpec serve = serveParsing("--host", "0.0.0.0", "--port", "9000", "--auth-type", "basic_auth",
                "--session-name", "sid", "--session-duration", "1h", "--session-idle-timeout", "15m", "--cookie-secure", "true",
                "--store", "memory", "--db-url", "jdbc:sqlite:/tmp/x.db", "--admin-email", "root@example.com",
                "--admin-password", " root password ", "--max-body-bytes", "2048", "--hash-concurrency", "3",
                "--token-service-secret", "t".repeat(64));
        GatehouseConfig config = SettingOptions.load(serve, Map.of("API_PORT", "1234", "STORE", "sqlite"));

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
        CommandLine.Model.CommandSpec serve = serveParsing("--rules", flagged.toString());

        assertThat(SettingOptions.load(serve, Map.of("GATEHOUSE_RULES", fromEnvironment.toString())).rules()).hasValue(flagged);
    }

    @Test
    void everySettingIsAnOptionOfEveryCommandThatTakesSettings() {
        CommandLine cli = GatehouseCli.newCommandLine();
        for (CommandLine command : java.util.List.of(cli.getSubcommands().get("serve"), cli.getSubcommands().get("users"),
                cli.getSubcommands().get("token"), cli.getSubcommands().get("keys").getSubcommands().get("rotate"))) {
            for (Setting setting : Setting.values()) {
                assertThat(command.getCommandSpec().findOption(setting.flag())).as(command.getCommandName() + " " + setting.flag()).isNotNull();
            }
        }
    }

    @Test
    void theHelpOfServeShowsEachSettingsVariableAndDefault() {
        java.io.StringWriter help = new java.io.StringWriter();
        CommandLine cli = GatehouseCli.newCommandLine();
        cli.setOut(new java.io.PrintWriter(help, true));

        assertThat(cli.execute("serve", "--help")).isZero();
        // picocli wraps long lines; compare without the wrapping.
        String text = help.toString().replaceAll("\\s+", " ");
        assertThat(text).contains("--jwt-ttl=<jwt-ttl>", "(JWT_TTL). Default: 15m.", "(GATEHOUSE_TRUSTED_PROXIES). Default: 127.0.0.0",
                "Prefer the variable");
    }

    private static CommandLine.Model.CommandSpec serveParsing(String... args) {
        CommandLine.ParseResult parsed = GatehouseCli.newCommandLine().parseArgs(java.util.stream.Stream.concat(
                java.util.stream.Stream.of("serve"), java.util.Arrays.stream(args)).toArray(String[]::new));
        return parsed.subcommand().commandSpec();
    }
}
