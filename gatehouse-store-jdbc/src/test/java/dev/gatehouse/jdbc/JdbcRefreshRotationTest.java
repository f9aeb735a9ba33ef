package dev.gatehouse.jdbc;

import dev.gatehouse.core.internal.token.IssuedRefreshToken;
import dev.gatehouse.core.internal.token.RefreshFailure;
import dev.gatehouse.core.internal.token.RefreshResult;
import dev.gatehouse.core.internal.token.RefreshTokenPolicy;
import dev.gatehouse.core.internal.token.RefreshTokenService;
import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh service on a real SQL database: rotation, reuse and the parallel-refresh race end to
 * end. Once on each database.
 */
@SqlMatrix
class JdbcRefreshRotationTest {
    @RegisterExtension
    static final SqlDatabases databases = new SqlDatabases();

    @Parameter
    SqlDatabase kind;

    private static final int THREADS = 12;

    private final MutableClock clock = MutableClock.atFixedStart();
    private JdbcDatabase database;
    private JdbcRefreshTokenStore tokens;
    private RefreshTokenService service;
    private UUID alice;

    /** Opens this test's database, empty. */
    protected JdbcDatabase openDatabase() {
        return databases.open(kind);
    }

    @BeforeEach
    void open() {
        database = openDatabase();
        tokens = new JdbcRefreshTokenStore(database);
        service = new RefreshTokenService(tokens, new JdbcRevocationStore(database), RefreshTokenPolicy.of(Duration.ofDays(30)), clock);
        alice = new TestUsers(new JdbcUserStore(database), clock).insert("alice@example.com");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void reuseOfASpentTokenRevokesTheNewestTokenOfTheFamily() {
        IssuedRefreshToken first = service.issue(alice, Optional.of(UUID.randomUUID()));
        IssuedRefreshToken second = ((RefreshResult.Rotated) service.rotate(first.token())).next();
        IssuedRefreshToken third = ((RefreshResult.Rotated) service.rotate(second.token())).next();

        assertThat(service.rotate(first.token())).isEqualTo(new RefreshResult.ReuseDetected(first.record().familyId(), alice));

        assertThat(service.rotate(third.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
        assertThat(service.countActive()).isZero();
    }

    @RepeatedTest(5)
    void parallelRefreshesOfOneTokenHaveOneWinnerAndLeaveNoLiveChain() throws Exception {
        IssuedRefreshToken issued = service.issue(alice, Optional.empty());
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<RefreshResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<RefreshResult>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return service.rotate(issued.token());
                }));
            }
            ready.await();
            go.countDown();
            for (Future<RefreshResult> f : futures) {
                results.add(f.get());
            }
        }

        assertThat(results).filteredOn(RefreshResult.Rotated.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(RefreshResult.ReuseDetected.class::isInstance).hasSize(THREADS - 1);
        List<RefreshToken> family = tokens.listFamily(issued.record().familyId());
        assertThat(family).filteredOn(t -> t.state() == RefreshToken.State.ACTIVE).isEmpty();
        assertThat(family).filteredOn(t -> t.state() == RefreshToken.State.SPENT).hasSize(1);
    }
}
