package dev.gatehouse.core.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work another thread does, so that its failure reads as if the caller had done it. */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for {@code work} and returns its result; a {@link RuntimeException} or {@link Error} it
     * failed with is rethrown as is, not wrapped in a {@link CompletionException}.
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
}
