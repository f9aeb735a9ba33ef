package dev.gatehouse.bench.e2e;

import dev.gatehouse.core.password.PasswordHasher;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Raw Argon2id hashes per second in the driver's own JVM: core's PasswordHasher with the server's
 * defaults (OWASP parameters), one hashing thread per core, as the server's hash concurrency.
 */
final class HashRate {
    private HashRate() {
    }

    static double measure(int threads, double seconds) throws InterruptedException {
        PasswordHasher hasher = PasswordHasher.withDefaults(threads);
        for (int i = 0; i < 3; i++) {
            hasher.hash("warm up the native library " + i);
        }
        AtomicLong done = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] workers = new Thread[threads];
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        hasher.hash("correct horse battery staple");
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
