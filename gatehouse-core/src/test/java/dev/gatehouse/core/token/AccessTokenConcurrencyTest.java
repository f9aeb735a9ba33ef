package dev.gatehouse.core.token;

import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.gatehouse.core.token.AccessTokenRoundTripTest.ALICE;
import static dev.gatehouse.core.token.AccessTokenRoundTripTest.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

/** One verifier and one issuer serve every request thread; their shared state must not mix keys or answers. */
class AccessTokenConcurrencyTest {
    @Test
    void oneVerifierServesManyThreadsAndKeys() throws Exception {
        MutableClock clock = MutableClock.atFixedStart();
        SigningKey hmac = TestKeys.of(SigningAlgorithm.HS256);
        SigningKey ed = TestKeys.of(SigningAlgorithm.EDDSA);
        SigningKey stranger = TestKeys.generate(SigningAlgorithm.HS256, hmac.kid());
        AccessTokenIssuer issuer = new AccessTokenIssuer(SETTINGS, clock);
        AccessTokenVerifier verifier = new AccessTokenVerifier(SETTINGS, TestKeys.ring(hmac, ed), clock);
        String byHmac = issuer.issue(ALICE, hmac).token();
        String byEd = issuer.issue(ALICE, ed).token();
        String forged = issuer.issue(ALICE, stranger).token();

        assertEveryThreadPasses(8, thread -> {
            for (int i = 0; i < 50; i++) {
                if (!(verifier.verify(byHmac) instanceof AccessTokenCheck.Valid)
                        || !(verifier.verify(byEd) instanceof AccessTokenCheck.Valid)
                        || !verifier.verify(forged).equals(new AccessTokenCheck.Invalid(InvalidToken.BAD_SIGNATURE))
                        || !(verifier.verify(issuer.issue(ALICE, hmac).token()) instanceof AccessTokenCheck.Valid)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * The issuer remembers the signer of the key it signed with last; keys given in turn from many
     * threads (a rotation, or two keys with one kid) must each sign with their own material.
     */
    @Test
    void eachTokenIsSignedWithTheKeyItWasIssuedWithWhileKeysAlternate() throws Exception {
        MutableClock clock = MutableClock.atFixedStart();
        SigningKey hmac = TestKeys.of(SigningAlgorithm.HS256);
        SigningKey sameKid = TestKeys.generate(SigningAlgorithm.HS256, hmac.kid());
        SigningKey rsa = TestKeys.of(SigningAlgorithm.RS256);
        List<SigningKey> keys = List.of(hmac, sameKid, rsa);
        List<AccessTokenVerifier> verifiers = keys.stream().map(k -> new AccessTokenVerifier(SETTINGS, TestKeys.ring(k), clock)).toList();
        AccessTokenIssuer issuer = new AccessTokenIssuer(SETTINGS, clock);

        assertEveryThreadPasses(6, thread -> {
            for (int i = 0; i < 60; i++) {
                int k = (thread + i) % keys.size();
                String token = issuer.issue(ALICE, keys.get(k)).token();
                for (int v = 0; v < verifiers.size(); v++) {
                    boolean valid = verifiers.get(v).verify(token) instanceof AccessTokenCheck.Valid;
                    if (valid != (v == k)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    /** A check run on {@code threads} threads at once, each told its number; every one must answer true. */
    private static void assertEveryThreadPasses(int threads, ThreadCheck check) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> check.passes(thread)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThreadCheck {
        boolean passes(int thread) throws Exception;
    }
}
