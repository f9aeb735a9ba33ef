package dev.gatehouse.server;

import dev.gatehouse.server.boot.ServeArguments;

import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.Setting;
import dev.gatehouse.server.config.SettingOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve}'s arguments read without picocli read exactly as picocli reads them, or are left to it. */
class ServeArgumentsTest {
    @Test
    void everyFlagOfServeIsReadAsPicocliReadsIt() {
        List<String> args = new ArrayList<>(List.of("serve"));
        int i = 0;
        for (Setting setting : Setting.values()) {
            String value = "value " + i + " = x"; // spaces and '=' inside a value are the value's
            // Both spellings picocli accepts: --flag value and --flag=value.
            args.addAll(i++ % 2 == 0 ? List.of(setting.flag(), value) : List.of(setting.flag() + "=" + value));
        }
        String[] given = args.toArray(String[]::new);

        Map<Setting, String> fast = ServeArguments.parse(given).orElseThrow();

        // picocli knows every one of these flags (it would reject an unknown one) and reads each to the same setting and value.
        assertThat(fast).hasSize(Setting.values().length).isEqualTo(SettingOptions.given(parsedByPicocli(given).spec));
    }

    @Test
    void aBareServeIsReadToo() {
        assertThat(ServeArguments.parse("serve")).isPresent();
    }

    @Test
    void whatPicocliAnswersOtherwiseIsLeftToIt() {
        List<String[]> leftToPicocli = List.of(
                new String[] {},
                new String[] {"users", "list"},
                new String[] {"--help"},
                new String[] {"serve", "--help"},
                new String[] {"serve", "-h"},
                new String[] {"serve", "--version"},
                new String[] {"serve", "--no-such-flag", "x"},
                new String[] {"serve", "--port"},
                new String[] {"serve", "--port", "1", "--port", "2"},
                new String[] {"serve", "--port", "1", "--port=2"},
                new String[] {"serve", "--host", "--port", "1"},
                new String[] {"serve", "--port", "-1"},
                new String[] {"serve", "--port="},
                new String[] {"serve", "@args.txt"},
                new String[] {"serve", "--host", "@args.txt"},
                new String[] {"serve", "extra"},
                new String[] {"serve", "--", "--port", "1"});
        for (String[] args : leftToPicocli) {
            assertThat(ServeArguments.parse(args)).as(String.join(" ", args)).isEmpty();
        }
    }

    @Test
    void aBadSettingEndsAsItDoesThroughPicocli() {
        String[] args = {"serve", "--port", "70000", "--auth-type", "magic", "--store=mongo"};

        StringWriter fastErr = new StringWriter();
        Map<Setting, String> flags = ServeArguments.parse(args).orElseThrow();
        int fastCode = GatehouseCli.execute(() -> ServeCommand.serve(ConfigLoader.load(System.getenv(), flags)), new PrintWriter(fastErr, true));
        CommandLine cli = GatehouseCli.newCommandLine();
        StringWriter picocliErr = new StringWriter();
        cli.setErr(new PrintWriter(picocliErr, true));
        int picocliCode = cli.execute(args);

        assertThat(fastCode).isEqualTo(picocliCode).isEqualTo(2);
        assertThat(fastErr.toString()).isEqualTo(picocliErr.toString()).contains("API_PORT", "AUTH_TYPE", "STORE");
    }

    private static ServeCommand parsedByPicocli(String[] args) {
        CommandLine.ParseResult parsed = GatehouseCli.newCommandLine().parseArgs(args);
        Optional<CommandLine.ParseResult> serve = Optional.ofNullable(parsed.subcommand());
        return (ServeCommand) serve.orElseThrow().commandSpec().userObject();
    }
}
