package dev.gatehouse.server;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;

/**
 * A command group that works on the store directly (the server need not run): the settings as
 * flags, the runtime they open, and where to print.
 */
abstract class StoreCommand {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    GatehouseRuntime open() {
        return GatehouseRuntime.open(options.load(System.getenv()), Clock.systemUTC());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
