package dev.gatehouse.server.boot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A piece of start-up work that runs on a thread of its own while the main thread does another.
 * Whoever needs its result calls {@link #join}, so nothing that depends on it can run early; a
 * failure is rethrown there as the work threw it, and a failed start reads as it did when the
 * work ran in line.
 */
public final class StartupTask<T> {
    private final CompletableFuture<T> result;

    private StartupTask(CompletableFuture<T> result) {
        this.result = result;
    }

    /** Starts {@code work} now, on a daemon thread called {@code name} (it shows in a thread dump of a slow start). */
    public static <T> StartupTask<T> start(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        // A platform thread: starting the virtual threads' scheduler would cost start-up time of its own.
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return new StartupTask<>(result);
    }

    /** A task that is already done, for work a caller has none of. */
    public static <T> StartupTask<T> done(T value) {
        return new StartupTask<>(CompletableFuture.completedFuture(value));
    }

    /** Waits for the work and returns its result, or throws what it threw. */
    public T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                case null, default -> throw e;
            }
        }
    }

    /** Waits for the work, ignoring how it ended: before closing what it uses when the start failed elsewhere. */
    public void awaitQuietly() {
        try {
            result.join();
        } catch (RuntimeException ignored) {
            // The failure that stops the start is being reported; this one came second.
        }
    }
}
