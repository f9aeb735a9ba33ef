package dev.gatehouse.server;

import dev.gatehouse.server.config.SettingOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * A command group that works on the store directly (the server need not run): the settings as
 * flags (its {@code @Command} names {@link SettingOptions} as model transformer), the runtime they
 * open, and where to print.
 */
abstract class StoreCommand {
    @Spec
    CommandSpec spec;

    GatehouseRuntime open() {
        return GatehouseRuntime.open(SettingOptions.load(spec, System.getenv()), Clock.systemUTC());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
