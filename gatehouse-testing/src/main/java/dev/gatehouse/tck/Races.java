package dev.gatehouse.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Runs one compare-and-set from many threads at once, for the contracts' "exactly one wins" checks. */
final class Races {
    static final int RACERS = 8;

    private Races() {
    }

    /**
     * How many of {@link #RACERS} attempts, started together, succeeded.
     *
     * @param attempt the attempt numbered {@code i}, true when it succeeded
     * @return the number of successes
     */
    static int successes(IntFunction<Boolean> attempt) throws InterruptedException, ExecutionException {
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            int number = i;
            attempts.add(() -> attempt.apply(number));
        }
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            int won = 0;
            for (Future<Boolean> result : threads.invokeAll(attempts)) {
                won += result.get() ? 1 : 0;
            }
            return won;
        } finally {
            threads.shutdownNow();
        }
    }
}
