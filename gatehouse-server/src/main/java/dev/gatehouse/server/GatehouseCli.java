package dev.gatehouse.server;

import dev.gatehouse.rules.RulesFileException;
import dev.gatehouse.server.boot.ServeArguments;
import dev.gatehouse.server.boot.ServerLogProvider;
import dev.gatehouse.server.boot.ServerLogging;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code gatehouse serve}, {@code gatehouse users ...}, {@code gatehouse token ...} and {@code gatehouse keys ...}. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, version = "gatehouse 0.1.0",
        description = "A fast, self-hosted authentication server.",
        subcommands = {ServeCommand.class, UsersCommand.class, ClientsCommand.class, TokenCommand.class, KeysCommand.class})
public final class GatehouseCli {
    public static void main(String[] args) {
        // Before anything logs: SLF4J binds once, at its first use.
        ServerLogProvider.chooseUnlessConfigured(System.getProperties());
        ServerLogging.logToStandardError(args.length == 0 || !"serve".equals(args[0]));
        // A plain `serve` (nearly every start) skips building picocli's command tree; see ServeArguments.
        Optional<Map<Setting, String>> serve = ServeArguments.parse(args);
        System.exit(serve.isPresent()
                ? execute(() -> ServeCommand.serve(ConfigLoader.load(System.getenv(), serve.get())), new PrintWriter(System.err, true))
                : newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new GatehouseCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (isUsersToFix(e)) {
                commandLine.getErr().println("gatehouse: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    /** Runs a command read without picocli, ending as picocli's {@code execute} would with {@link #newCommandLine}'s handler. */
    static int execute(Callable<Integer> command, PrintWriter err) {
        try {
            return command.call();
        } catch (Exception e) {
            if (isUsersToFix(e)) {
                err.println("gatehouse: " + e.getMessage());
                return 2;
            }
            // picocli's answer to any other exception: its stack trace, exit code 1.
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    /** A bad setting is the user's to fix: say what, without a stack trace. */
    private static boolean isUsersToFix(Exception e) {
        return e instanceof ConfigException || e instanceof CliException || e instanceof RulesFileException;
    }
}
