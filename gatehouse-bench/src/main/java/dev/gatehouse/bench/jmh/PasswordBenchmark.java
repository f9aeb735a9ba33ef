package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.password.PasswordCheck;
import dev.gatehouse.core.password.PasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Argon2id at the parameters the server uses ({@link PasswordHasher#withDefaults}: OWASP,
 * m=19 MiB, t=2, p=1). One thread, so the score is hashes per second per core; login can reach at
 * most this times the cores.
 */
@State(Scope.Benchmark)
public class PasswordBenchmark {
    private static final String PASSWORD = "correct horse battery staple";

    private PasswordHasher hasher;
    private String storedHash;

    @Setup
    public void setUp() {
        hasher = PasswordHasher.withDefaults(Runtime.getRuntime().availableProcessors());
        storedHash = hasher.hash(PASSWORD);
    }

    /** A new PHC string with a fresh salt: what registration and a password change cost. */
    @Benchmark
    public String hash() {
        return hasher.hash(PASSWORD);
    }

    /** A check of the right password against a stored hash: what a login costs. */
    @Benchmark
    public PasswordCheck verify() {
        return hasher.check(PASSWORD, storedHash);
    }
}
