package dev.gatehouse.redis;

import dev.gatehouse.core.internal.token.IssuedRefreshToken;
import dev.gatehouse.core.internal.token.RefreshFailure;
import dev.gatehouse.core.internal.token.RefreshResult;
import dev.gatehouse.core.internal.token.RefreshTokenPolicy;
import dev.gatehouse.core.internal.token.RefreshTokenService;
import dev.gatehouse.core.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh service of two instances, each with its own connection to one Redis: a token
 * rotated on one is reuse on the other. (Racing spends are the contract's: a script is atomic
 * whichever connection sends it.)
 */
class RedisRefreshRotationTest {
    @RegisterExtension
    final TestRedis redis = new TestRedis();

    private final MutableClock clock = MutableClock.atFixedStart();
    private final UUID alice = UUID.randomUUID();
    private RefreshTokenService instanceA;
    private RefreshTokenService instanceB;

    @BeforeEach
    void startTwoInstances() {
        instanceA = service(redis.connect(clock));
        instanceB = service(redis.connect(clock));
    }

    @Test
    void aTokenSpentOnOneInstanceIsReuseOnTheOther() {
        IssuedRefreshToken first = instanceA.issue(alice, Optional.of(UUID.randomUUID()));
        IssuedRefreshToken second = ((RefreshResult.Rotated) instanceB.rotate(first.token())).next();

        assertThat(instanceA.rotate(first.token())).isEqualTo(new RefreshResult.ReuseDetected(first.record().familyId(), alice));

        assertThat(instanceB.rotate(second.token())).isEqualTo(new RefreshResult.Invalid(RefreshFailure.REVOKED));
        assertThat(instanceA.countActive()).isZero();
    }

    private RefreshTokenService service(RedisStores stores) {
        return new RefreshTokenService(stores.refreshTokens(), stores.revocations(), RefreshTokenPolicy.of(Duration.ofDays(30)), clock);
    }
}
