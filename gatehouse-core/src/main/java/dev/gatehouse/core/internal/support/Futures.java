package dev.gatehouse.core.internal.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** Waiting for work another thread does, so that its failure reads as if the caller had done it. */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for {@code work} and returns its result; a {@link RuntimeException} or {@link Error} it
     * failed with is rethrown as is, not wrapped in a {@link CompletionException}.
     *
     * @param <T> the result's type
     * @param work the work to wait for
     * @return its result
     */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} now on a daemon platform thread called {@code name} (it shows in a thread
     * dump), for start-up work done beside the caller's; its result or failure completes the future.
     * A platform thread: starting the virtual threads' scheduler would cost start-up time of its own.
     *
     * @param <T> the result's type
     * @param name the thread's name
     * @param work the work to run
     * @return a future completed by the work
     */
    public static <T> CompletableFuture<T> onDaemonThread(String name, Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
