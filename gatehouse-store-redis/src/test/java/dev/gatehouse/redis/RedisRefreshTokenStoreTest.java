package dev.gatehouse.redis;

import dev.gatehouse.core.spi.RefreshTokenStore;
import dev.gatehouse.tck.RefreshTokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

class RedisRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @RegisterExtension
    final TestRedis redis = new TestRedis();

    @Override
    protected RefreshTokenStore newStore() {
        return redis.connect(clock).refreshTokens();
    }

    @Override
    protected UUID existingUser() {
        // Redis keeps no users: any id will do.
        return UUID.randomUUID();
    }
}
