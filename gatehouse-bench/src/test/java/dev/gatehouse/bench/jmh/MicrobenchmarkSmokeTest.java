package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.access.AccessDecision;
import dev.gatehouse.core.access.NormalisedPath;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.password.PasswordCheck;
import dev.gatehouse.core.token.AccessTokenCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each benchmark's setup and one call of each benchmark method, without JMH, so a broken benchmark
 * fails the build rather than a hand-run suite. Nothing here times anything. PostgreSQL and Redis
 * are left to the hand runs.
 */
class MicrobenchmarkSmokeTest {
    @Test
    void passwordHashAndVerify() {
        PasswordBenchmark bench = new PasswordBenchmark();
        bench.setUp();
        assertThat(bench.hash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(bench.verify()).isEqualTo(PasswordCheck.MATCH);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void tokenSignAndVerify(SigningAlgorithm algorithm) {
        TokenBenchmark bench = new TokenBenchmark();
        bench.algorithm = algorithm;
        bench.setUp();
        assertThat(bench.sign().token()).contains(".");
        assertThat(bench.verify()).isInstanceOf(AccessTokenCheck.Valid.class);
    }

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = {"MEMORY", "SQLITE"})
    void sessionLookupFindsSeededSessions(StoreKind kind) {
        SessionLookupBenchmark bench = new SessionLookupBenchmark();
        bench.store = kind;
        bench.sessions = 50;
        bench.setUp();
        try {
            for (int i = 0; i < 20; i++) {
                assertThat(bench.resolve()).isPresent();
            }
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void seedingOnSeveralThreadsFillsEverySlot() {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        String[] seeded = SessionLookupBenchmark.seed(101, 4, () -> "t" + next.getAndIncrement());
        assertThat(seeded).doesNotContainNull().doesNotHaveDuplicates().hasSize(101);
    }

    @ParameterizedTest
    @EnumSource(RulesBenchmark.Request.class)
    void rulesDecide(RulesBenchmark.Request request) {
        RulesBenchmark bench = new RulesBenchmark();
        bench.request = request;
        bench.setUp();
        assertThat(RulesBenchmark.realisticRules().rules()).hasSize(20);
        assertThat(bench.decide()).isInstanceOf(AccessDecision.Allow.class);
    }

    @ParameterizedTest
    @EnumSource(PathNormaliserBenchmark.Tricky.class)
    void pathsNormaliseOrAreRefused(PathNormaliserBenchmark.Tricky path) {
        PathNormaliserBenchmark bench = new PathNormaliserBenchmark();
        bench.path = path;
        NormalisedPath result = bench.normalise();
        if (path == PathNormaliserBenchmark.Tricky.REFUSED) {
            assertThat(result).isInstanceOf(NormalisedPath.Invalid.class);
        } else {
            assertThat(result).isInstanceOfSatisfying(NormalisedPath.Ok.class,
                    ok -> assertThat(ok.path()).startsWith("/").doesNotContain("/../", "/./", "//", ";", "?"));
        }
    }

    @ParameterizedTest
    @EnumSource(CommonPasswordsBenchmark.Candidate.class)
    void commonPasswordsAreRefusedAndAPassphraseIsNot(CommonPasswordsBenchmark.Candidate candidate) {
        CommonPasswordsBenchmark bench = new CommonPasswordsBenchmark();
        bench.candidate = candidate;
        bench.setUp();
        assertThat(bench.check().isPresent()).isEqualTo(candidate != CommonPasswordsBenchmark.Candidate.PASSPHRASE);
    }

    @Test
    void annotationProcessingListedEveryBenchmark() throws IOException {
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(list).as("META-INF/BenchmarkList: JMH's annotation processor did not run").isNotNull();
            String text = new String(list.readAllBytes(), StandardCharsets.UTF_8);
            // One generated class per benchmark method, named class_method_jmhTest.
            assertThat(text).contains("PasswordBenchmark_hash_jmhTest", "PasswordBenchmark_verify_jmhTest",
                    "TokenBenchmark_sign_jmhTest", "TokenBenchmark_verify_jmhTest", "SessionLookupBenchmark_resolve_jmhTest",
                    "RulesBenchmark_decide_jmhTest", "PathNormaliserBenchmark_normalise_jmhTest",
                    "CommonPasswordsBenchmark_check_jmhTest");
        }
    }

    @Test
    void defaultsApplyOnlyWhereTheCommandLineIsSilent() throws Exception {
        Options defaults = Microbenchmarks.options(new CommandLineOptions()).build();
        assertThat(defaults.getIncludes()).containsExactly(Microbenchmarks.ALL);
        assertThat(defaults.getForkCount().get()).isEqualTo(1);
        assertThat(defaults.getWarmupIterations().get()).isEqualTo(2);
        assertThat(defaults.getMeasurementIterations().get()).isEqualTo(3);

        Options given = Microbenchmarks.options(new CommandLineOptions("Rules", "-f", "0", "-wi", "0", "-i", "1")).build();
        assertThat(given.getIncludes()).containsExactly("Rules");
        assertThat(given.getForkCount().get()).isZero();
        assertThat(given.getWarmupIterations().get()).isZero();
        assertThat(given.getMeasurementIterations().get()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(GuardBenchmark.Request.class)
    void theGuardLetsTheSignedInAdminThrough(GuardBenchmark.Request request) {
        GuardBenchmark bench = new GuardBenchmark();
        bench.request = request;
        bench.setUp();
        assertThat(bench.check()).isInstanceOfSatisfying(dev.gatehouse.middleware.GuardOutcome.Proceed.class,
                proceed -> assertThat(proceed.identity()).isPresent());
    }
}
