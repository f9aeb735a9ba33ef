package dev.gatehouse.bench.e2e;

import dev.gatehouse.core.password.PasswordHasher;

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
        return RawRate.perSecond(threads, seconds, () -> hasher.hash("correct horse battery staple"));
    }
}
