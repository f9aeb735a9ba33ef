package dev.gatehouse.redis;

import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.tck.RevocationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRevocationStoreTest extends RevocationStoreContract {
    @RegisterExtension
    final TestRedis redis = new TestRedis();

    @Override
    protected RevocationStore newStore() {
        return redis.connect(clock).revocations();
    }
}
