package dev.gatehouse.redis;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.support.MutableClock;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the stores leave in Redis: the documented keys, and TTLs that equal the data's own expiry
 * plus {@link Ttl#MARGIN}. The clock is fixed months before Redis's own: TTLs follow the clock
 * the stores are given, never Redis's.
 */
class RedisExpiryTest {
    private static final Duration MARGIN = Ttl.MARGIN;

    @RegisterExtension
    final TestRedis redis = new TestRedis();

    private final MutableClock clock = MutableClock.atFixedStart();
    private RedisStores stores;
    private Instant now;

    @BeforeEach
    void connect() {
        stores = redis.connect(clock);
        now = clock.instant();
    }

    @Test
    void everyKeyIsOneOfTheDocumentedOnesUnderThePrefix() {
        UUID user = UUID.randomUUID();
        Session session = session(user, Optional.of(now.plus(Duration.ofDays(30))), Optional.of(now.plus(Duration.ofHours(1))));
        RefreshToken token = refreshToken(user, Optional.of(session.id()));
        stores.sessions().insert(session);
        stores.refreshTokens().insert(token);
        stores.revocations().revokeJti("jti-1", now.plusSeconds(60));
        stores.revocations().setUserNotBefore(user, now);
        stores.rateLimits().increment("login:ada", now.plusSeconds(60));

        String p = redis.prefix();
        long end = now.plusSeconds(60).toEpochMilli();
        assertThat(redis.keys()).containsExactlyInAnyOrder(
                p + "session:" + session.id(), p + "session-token:" + session.tokenHash(), p + "session-user:" + user, p + "session-expiry",
                p + "refresh:" + token.id(), p + "refresh-token:" + token.tokenHash(), p + "refresh-family:" + token.familyId(),
                p + "refresh-user:" + user, p + "refresh-session:" + session.id(), p + "refresh-active", p + "refresh-purge",
                p + "revoked-jti:jti-1", p + "revoked-jti-expiry", p + "user-not-before:" + user,
                p + "ratelimit:" + end + ":login:ada", p + "ratelimit-windows");
    }

    @Test
    void aSessionLivesUntilItsFirstExpiryAndMovesWithUse() {
        UUID user = UUID.randomUUID();
        Session session = session(user, Optional.of(now.plus(Duration.ofDays(30))), Optional.of(now.plus(Duration.ofHours(1))));
        stores.sessions().insert(session);
        String record = redis.prefix() + "session:" + session.id();
        String lookup = redis.prefix() + "session-token:" + session.tokenHash();
        String index = redis.prefix() + "session-user:" + user;

        assertTtl(record, Duration.ofHours(1));
        assertTtl(lookup, Duration.ofHours(1));
        assertTtl(index, Duration.ofHours(1));

        stores.sessions().touch(session.id(), now, Optional.of(now.plus(Duration.ofHours(2))));
        assertTtl(record, Duration.ofHours(2));
        assertTtl(lookup, Duration.ofHours(2));
        assertTtl(index, Duration.ofHours(2));

        stores.sessions().touch(session.id(), now, Optional.empty());
        assertTtl(record, Duration.ofDays(30));
    }

    @Test
    void aSessionThatNeverEndsHasNoTtl() {
        UUID user = UUID.randomUUID();
        Session session = session(user, Optional.empty(), Optional.empty());
        stores.sessions().insert(session);

        assertThat(commands().pttl(redis.prefix() + "session:" + session.id())).isEqualTo(-1);
        assertThat(commands().pttl(redis.prefix() + "session-token:" + session.tokenHash())).isEqualTo(-1);
        assertThat(commands().pttl(redis.prefix() + "session-user:" + user)).isEqualTo(-1);
    }

    @Test
    void aUsersIndexDropsSessionsThatRedisHasDroppedAndLivesAsLongAsItsLongest() {
        UUID user = UUID.randomUUID();
        Session brief = session(user, Optional.of(now.plus(Duration.ofMinutes(1))), Optional.empty());
        stores.sessions().insert(brief);
        clock.advance(Duration.ofDays(1));
        Session later = session(user, Optional.of(clock.instant().plus(Duration.ofHours(3))), Optional.empty());
        stores.sessions().insert(later);
        String index = redis.prefix() + "session-user:" + user;

        assertThat(commands().zrange(index, 0, -1)).containsExactly(later.id().toString());
        assertTtl(index, Duration.ofHours(3));
    }

    @Test
    void aRefreshTokenLivesUntilItExpiresAndOnceSpentUntilItsFamilyEnds() {
        UUID user = UUID.randomUUID();
        RefreshToken token = refreshToken(user, Optional.empty());
        stores.refreshTokens().insert(token);
        String record = redis.prefix() + "refresh:" + token.id();
        String lookup = redis.prefix() + "refresh-token:" + token.tokenHash();

        assertTtl(record, Duration.ofHours(1));
        assertTtl(lookup, Duration.ofHours(1));
        assertTtl(redis.prefix() + "refresh-family:" + token.familyId(), Duration.ofDays(1));
        assertTtl(redis.prefix() + "refresh-user:" + user, Duration.ofDays(1));

        stores.refreshTokens().markSpent(token.id(), now, UUID.randomUUID());
        assertTtl(record, Duration.ofDays(1));
        assertTtl(lookup, Duration.ofDays(1));
    }

    @Test
    void aRevokedTokenIdLivesUntilTheTokenWouldHaveExpiredAndANotBeforeForGood() {
        UUID user = UUID.randomUUID();
        stores.revocations().revokeJti("jti-1", now.plus(Duration.ofMinutes(15)));
        stores.revocations().setUserNotBefore(user, now);

        assertTtl(redis.prefix() + "revoked-jti:jti-1", Duration.ofMinutes(15));
        assertThat(commands().pttl(redis.prefix() + "user-not-before:" + user)).isEqualTo(-1);
    }

    @Test
    void aRateLimitCountLivesUntilItsWindowEnds() {
        Instant end = now.plus(Duration.ofMinutes(15));
        stores.rateLimits().increment("login:ada", end);
        stores.rateLimits().increment("login:ada", end);

        assertTtl(redis.prefix() + "ratelimit:" + end.toEpochMilli() + ":login:ada", Duration.ofMinutes(15));
    }

    @Test
    void anEntryStoredLongAfterItEndedLivesOnlyTheFloor() {
        stores.revocations().revokeJti("jti-old", now.minus(Duration.ofDays(1)));

        assertThat(commands().pttl(redis.prefix() + "revoked-jti:jti-old")).isBetween(0L, Ttl.FLOOR.toMillis());
    }

    /** The key's TTL is {@code lifetime} (from the clock's now when it was written) plus the margin, less the little real time the test took. */
    private void assertTtl(String key, Duration lifetime) {
        long expected = lifetime.plus(MARGIN).toMillis();
        assertThat(commands().pttl(key)).as("PTTL of %s", key).isBetween(expected - 5_000, expected);
    }

    private RedisCommands<String, String> commands() {
        return redis.commands();
    }

    private Session session(UUID user, Optional<Instant> absolute, Optional<Instant> idle) {
        return new Session(UUID.randomUUID(), "hash-" + UUID.randomUUID(), user, clock.instant(), clock.instant(), absolute, idle,
                Optional.empty(), Optional.empty());
    }

    /** Active, expiring in an hour, in a family of its own that ends in a day. */
    private RefreshToken refreshToken(UUID user, Optional<UUID> session) {
        return RefreshToken.active(UUID.randomUUID(), "hash-" + UUID.randomUUID(), UUID.randomUUID(), user, session, now,
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    }
}
