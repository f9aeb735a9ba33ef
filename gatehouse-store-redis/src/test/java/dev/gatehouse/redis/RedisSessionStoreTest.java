package dev.gatehouse.redis;

import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.tck.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

class RedisSessionStoreTest extends SessionStoreContract {
    @RegisterExtension
    final TestRedis redis = new TestRedis();

    @Override
    protected SessionStore newStore() {
        return redis.connect(clock).sessions();
    }

    @Override
    protected UUID existingUser() {
        // Redis keeps no users: any id will do.
        return UUID.randomUUID();
    }
}
