package dev.gatehouse.server;

import dev.gatehouse.server.boot.UnpackedSqliteLibrary;

import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.StoreKind;
import picocli.CommandLine.Command;
import dev.gatehouse.server.config.SettingOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code gatehouse serve}: runs the server until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Gatehouse server.",
        modelTransformer = SettingOptions.class)
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        return serve(SettingOptions.load(spec, System.getenv()));
    }

    /** Runs the server until SIGINT or SIGTERM; 0 once it has stopped. */
    static int serve(GatehouseConfig config) throws InterruptedException {
        if (config.store() == StoreKind.SQLITE) {
            UnpackedSqliteLibrary.lookUpInBackground(); // the store waits for it when it opens
        }
        GatehouseServer server = GatehouseServer.start(config, Clock.systemUTC(), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM runs shutdown hooks on SIGINT and SIGTERM: stop cleanly there.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "gatehouse-shutdown"));
        stopped.await();
        return 0;
    }
}
