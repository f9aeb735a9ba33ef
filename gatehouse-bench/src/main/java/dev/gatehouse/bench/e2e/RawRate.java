package dev.gatehouse.bench.e2e;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** How many times a second {@code threads} platform threads together do one operation, for a while: the raw rates the HTTP rows are compared with. */
final class RawRate {
    private RawRate() {
    }

    static double perSecond(int threads, double seconds, Runnable operation) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] workers = new Thread[threads];
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        operation.run();
                        done.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return done.get() * 1e9 / (System.nanoTime() - started);
    }
}
