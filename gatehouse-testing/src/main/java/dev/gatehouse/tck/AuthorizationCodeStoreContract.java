package dev.gatehouse.tck;

import dev.gatehouse.core.client.AuthorizationCode;
import dev.gatehouse.core.spi.AuthorizationCodeStore.Redemption;
import dev.gatehouse.core.spi.AuthorizationCodeStore;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link AuthorizationCodeStore} must do: keep a code exactly, let exactly one of many
 * racing exchanges be the first, recognise every later one as reuse with what the first issued,
 * and purge only what expired.
 */
public abstract class AuthorizationCodeStoreContract {
    private static final int RACERS = 16;

    /** The time the tests turn by hand. */
    protected final MutableClock clock = MutableClock.atFixedStart();
    /** The store under test, fresh for each test. */
    protected AuthorizationCodeStore store;

    /** For a backend's test, which says how to open its store in {@link #newStore()}. */
    public AuthorizationCodeStoreContract() {
    }

    /**
     * A new, empty store; called once before each test.
     *
     * @return an authorization code store holding nothing, not shared with any other test
     */
    protected abstract AuthorizationCodeStore newStore();

    @BeforeEach
    final void createStore() {
        store = newStore();
    }

    private AuthorizationCode code(String hash, Optional<String> nonce, Optional<String> challenge) {
        Instant now = clock.instant();
        return new AuthorizationCode(hash, "grafana", UUID.randomUUID(), UUID.randomUUID(), "https://grafana.example.com/cb?x=1",
                Set.of("openid", "profile", "offline_access"), nonce, challenge, now.minusSeconds(30), now, now.plusSeconds(60),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private AuthorizationCode code(String hash) {
        return code(hash, Optional.of("n-0S6_WzA2Mj"), Optional.of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }

    @Test
    void anUnknownCodeIsUnknown() {
        assertThat(store.redeem("no-such-hash", clock.instant())).isEqualTo(new Redemption.Unknown());
    }

    @Test
    void theFirstExchangeGetsTheCodeExactlyAndMarksItRedeemed() {
        AuthorizationCode issued = code("hash-a");
        store.insert(issued);
        AuthorizationCode plain = code("hash-b", Optional.empty(), Optional.empty());
        store.insert(plain);
        clock.advance(Duration.ofSeconds(5));

        Redemption first = store.redeem("hash-a", clock.instant());

        assertThat(first).isInstanceOfSatisfying(Redemption.First.class, redeemed -> {
            assertThat(redeemed.code().redeemedAt()).hasValue(clock.instant());
            assertThat(redeemed.code()).usingRecursiveComparison().ignoringFields("redeemedAt").isEqualTo(issued);
        });
        assertThat(store.redeem("hash-b", clock.instant())).isInstanceOfSatisfying(Redemption.First.class,
                redeemed -> assertThat(redeemed.code()).usingRecursiveComparison().ignoringFields("redeemedAt").isEqualTo(plain));
    }

    @Test
    void aSecondExchangeIsReuseWithWhatTheFirstIssued() {
        store.insert(code("hash-a"));
        Instant firstUse = clock.instant();
        store.redeem("hash-a", firstUse);
        UUID family = UUID.randomUUID();
        assertThat(store.recordIssued("hash-a", family, "jti-1")).isFalse();
        clock.advance(Duration.ofSeconds(3));

        Redemption again = store.redeem("hash-a", clock.instant());

        assertThat(again).isInstanceOfSatisfying(Redemption.Again.class, reused -> {
            assertThat(reused.code().redeemedAt()).hasValue(firstUse);
            assertThat(reused.code().issuedFamilyId()).hasValue(family);
            assertThat(reused.code().issuedAccessTokenId()).hasValue("jti-1");
        });
    }

    @Test
    void aSecondExchangeBeforeTheFirstRecordsItsTokensIsToldToTheFirst() {
        store.insert(code("hash-a"));
        assertThat(store.redeem("hash-a", clock.instant())).isInstanceOf(Redemption.First.class);

        assertThat(store.redeem("hash-a", clock.instant())).isInstanceOfSatisfying(Redemption.Again.class,
                reused -> assertThat(reused.code().issuedAccessTokenId()).isEmpty());

        assertThat(store.recordIssued("hash-a", UUID.randomUUID(), "jti-1")).isTrue();
    }

    @Test
    void aRacingLaterExchangeEitherFindsTheTokensOrIsToldToTheFirst() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                String hash = "hash-round-" + round;
                store.insert(code(hash));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> results = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Callable<Object> exchange = () -> {
                        start.await();
                        Redemption redemption = store.redeem(hash, clock.instant());
                        // The winner issues and records; the others report what they found.
                        return redemption instanceof Redemption.First ? (Object) store.recordIssued(hash, null, "jti") : redemption;
                    };
                    results.add(pool.submit(exchange));
                }
                start.countDown();
                boolean firstWasTold = false;
                boolean laterFoundTokens = false;
                int laterExchanges = 0;
                for (Future<Object> result : results) {
                    Object outcome = result.get(30, TimeUnit.SECONDS);
                    if (outcome instanceof Boolean told) {
                        firstWasTold = told;
                    } else if (outcome instanceof Redemption.Again again) {
                        laterExchanges++;
                        laterFoundTokens |= again.code().issuedAccessTokenId().isPresent();
                    }
                }
                assertThat(laterExchanges).isEqualTo(3);
                assertThat(firstWasTold || laterFoundTokens).as("round " + round).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExchangeWithoutARefreshTokenRecordsOnlyTheAccessToken() {
        store.insert(code("hash-a"));
        store.redeem("hash-a", clock.instant());
        store.recordIssued("hash-a", null, "jti-1");

        assertThat(store.redeem("hash-a", clock.instant())).isInstanceOfSatisfying(Redemption.Again.class, reused -> {
            assertThat(reused.code().issuedFamilyId()).isEmpty();
            assertThat(reused.code().issuedAccessTokenId()).hasValue("jti-1");
        });
    }

    @Test
    void aCodeIsStoredOnce() {
        store.insert(code("hash-a"));

        assertThatThrownBy(() -> store.insert(code("hash-a"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void exactlyOneOfManyRacingExchangesIsTheFirst() throws Exception {
        store.insert(code("hash-race"));
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Redemption>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Callable<Redemption> exchange = () -> {
                    start.await();
                    return store.redeem("hash-race", clock.instant());
                };
                results.add(pool.submit(exchange));
            }
            start.countDown();
            int firsts = 0;
            for (Future<Redemption> result : results) {
                Redemption redemption = result.get(30, TimeUnit.SECONDS);
                assertThat(redemption).isNotInstanceOf(Redemption.Unknown.class);
                firsts += redemption instanceof Redemption.First ? 1 : 0;
            }
            assertThat(firsts).isOne();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPurgeRemovesOnlyCodesThatExpiredBeforeTheTimeGiven() {
        AuthorizationCode early = code("hash-early");
        store.insert(early);
        clock.advance(Duration.ofMinutes(5));
        store.insert(code("hash-late"));

        assertThat(store.deleteExpired(early.expiresAt())).isZero();
        assertThat(store.deleteExpired(early.expiresAt().plusMillis(1))).isOne();

        assertThat(store.redeem("hash-early", clock.instant())).isEqualTo(new Redemption.Unknown());
        assertThat(store.redeem("hash-late", clock.instant())).isInstanceOf(Redemption.First.class);
    }
}
