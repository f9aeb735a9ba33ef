package dev.gatehouse.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a service it needs (PostgreSQL, Redis, nginx, openssl...) is missing: under
 * {@code CI=true} it fails, so that a build machine without the service cannot pass by skipping;
 * elsewhere it is skipped, saying what is missing.
 */
public final class RequiredService {
    private RequiredService() {
    }

    /**
     * True when {@code CI} is {@code true}, as CI sets it.
     *
     * @return whether a missing service must fail the test rather than skip it
     */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Fails (under CI) or skips the calling test. Never returns normally; it is declared to return
     * so that callers can write {@code throw RequiredService.missing(...)} where the compiler
     * wants a statement that ends the path.
     *
     * @param what what is missing and how to provide it, for the report
     * @return never: the declared type only lets callers {@code throw} the call
     * @throws AssertionError under CI; otherwise JUnit's abort, which marks the test skipped
     */
    public static RuntimeException missing(String what) {
        return missing(what, null);
    }

    /**
     * As {@link #missing(String)}, keeping what went wrong when reaching the service.
     *
     * @param what  what is missing and how to provide it, for the report
     * @param cause what went wrong when reaching the service, kept as the failure's cause under CI; may be null
     * @return never: the declared type only lets callers {@code throw} the call
     * @throws AssertionError under CI; otherwise JUnit's abort, which marks the test skipped
     */
    public static RuntimeException missing(String what, Throwable cause) {
        if (onCi()) {
            throw new AssertionError(what + "; CI=true, so a missing service is a failure, not a skip", cause);
        }
        // Surefire shows no reason for a class skipped in @BeforeAll: say it on the console too.
        System.err.println("test skipped: " + what);
        Assumptions.abort(what + "; skipped because CI is not true");
        throw new IllegalStateException("unreachable: Assumptions.abort throws");
    }
}
