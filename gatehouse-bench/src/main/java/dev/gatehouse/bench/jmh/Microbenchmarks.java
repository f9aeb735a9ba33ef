package dev.gatehouse.bench.jmh;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.concurrent.TimeUnit;

/**
 * Runs the microbenchmarks of this package through JMH and prints its table.
 *
 * <p>Arguments are JMH's own ({@code -h} lists them): regular expressions select benchmarks
 * (default: all of this package), and {@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r},
 * {@code -p}, {@code -bm}, {@code -tu} ... override the defaults chosen here so that a full run takes
 * a few minutes: one fork, 2 warm-up and 3 measured iterations of 1 s, throughput in ops/s.
 */
public final class Microbenchmarks {
    /** Every benchmark of this package, and nothing of the end-to-end driver's. */
    static final String ALL = "dev\\.gatehouse\\.bench\\.jmh\\..*";

    private Microbenchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("microbenchmarks: " + e.getMessage() + " (-h lists the options)");
            System.exit(2);
            return;
        }
        if (cli.shouldHelp()) {
            try {
                cli.showHelp();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        new Runner(options(cli).build()).run();
    }

    /** The command line's options, with this suite's defaults for whatever it leaves unset. */
    static ChainedOptionsBuilder options(CommandLineOptions cli) {
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include(ALL);
        }
        if (!cli.getForkCount().hasValue()) {
            builder.forks(1);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            builder.warmupIterations(2);
        }
        if (!cli.getWarmupTime().hasValue()) {
            builder.warmupTime(TimeValue.seconds(1));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            builder.measurementIterations(3);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            builder.measurementTime(TimeValue.seconds(1));
        }
        if (cli.getBenchModes().isEmpty()) {
            builder.mode(Mode.Throughput);
        }
        if (!cli.getTimeUnit().hasValue()) {
            builder.timeUnit(TimeUnit.SECONDS);
        }
        return builder;
    }
}
