package dev.gatehouse.core;

import dev.gatehouse.core.password.Argon2Parameters;
import dev.gatehouse.core.password.PasswordHasher;

import java.time.Duration;

/**
 * Shared real hashers for tests. Most tests only need <em>a</em> hasher: the cheap one keeps the
 * suite fast. Tests about cost parameters use the OWASP one.
 */
public final class TestHashers {
    /** m=1 MiB, t=1, p=1: a real Argon2id hash in about a millisecond. */
    public static final Argon2Parameters CHEAP = new Argon2Parameters(1024, 1, 1);

    private static final PasswordHasher FAST = new PasswordHasher(CHEAP, 8, Duration.ofSeconds(30));

    private TestHashers() {
    }

    /** A hasher with {@link #CHEAP} parameters, shared (it is thread-safe). */
    public static PasswordHasher fast() {
        return FAST;
    }

    /** The OWASP-parameter hasher, shared: constructing one costs a full hash. */
    public static PasswordHasher owasp() {
        return OwaspHolder.OWASP;
    }

    private static final class OwaspHolder {
        static final PasswordHasher OWASP = PasswordHasher.withDefaults(2);
    }
}
