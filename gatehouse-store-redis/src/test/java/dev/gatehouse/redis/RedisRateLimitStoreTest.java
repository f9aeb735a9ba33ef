package dev.gatehouse.redis;

import dev.gatehouse.core.spi.RateLimitStore;
import dev.gatehouse.tck.RateLimitStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRateLimitStoreTest extends RateLimitStoreContract {
    @RegisterExtension
    final TestRedis redis = new TestRedis();

    @Override
    protected RateLimitStore newStore() {
        return redis.connect(clock).rateLimits();
    }
}
