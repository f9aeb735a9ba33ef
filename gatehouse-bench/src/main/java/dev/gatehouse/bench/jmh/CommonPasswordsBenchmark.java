package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.password.PasswordPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Optional;

/**
 * {@link PasswordPolicy#violation}: the length rule and the look-up among the 100,000 most common
 * passwords, paid at every registration and password change beside one Argon2id hash.
 */
@State(Scope.Benchmark)
public class CommonPasswordsBenchmark {
    /** Passwords that take each way through the check. */
    public enum Candidate {
        /** In the list: refused. */
        COMMON("Password1"),
        /** Not in the list: the whole binary search, then accepted. */
        PASSPHRASE("orbit lantern willow quartz 42"),
        /** Full-width letters: NFKC has work to do before the look-up. */
        FULL_WIDTH("\uFF50\uFF41\uFF53\uFF53\uFF57\uFF4F\uFF52\uFF44\uFF11");

        final String password;

        Candidate(String password) {
            this.password = password;
        }
    }

    @Param
    public Candidate candidate;

    @Setup
    public void setUp() {
        // The list is read at the first check; that once-only cost is not what is measured.
        PasswordPolicy.violation(candidate.password);
    }

    @Benchmark
    public Optional<String> check() {
        return PasswordPolicy.violation(candidate.password);
    }
}
