package dev.gatehouse.server;

import dev.gatehouse.core.config.ConfigException;
import dev.gatehouse.rules.RulesFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gatehouse serve}, {@code gatehouse users ...}, {@code gatehouse token ...} and {@code gatehouse keys ...}. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "A fast, self-hosted authentication server.",
        subcommands = {ServeCommand.class, UsersCommand.class, TokenCommand.class, KeysCommand.class})
public final class GatehouseCli {
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new GatehouseCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof CliException || e instanceof RulesFileException) {
                // A bad setting is the user's to fix: say what, without a stack trace.
                commandLine.getErr().println("gatehouse: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }
}
