package dev.gatehouse.server;

import java.util.Map;
import java.util.Optional;

/** Three instances on PostgreSQL and Redis: sessions, refresh tokens and revocations in Redis, changes announced over pub/sub. */
class ScaleOutOnPostgresAndRedisTest extends ScaleOutTest {
    @Override
    Optional<AutoCloseable> moreStores(Map<String, String> environment) {
        SharedRedis redis = SharedRedis.create();
        environment.put("GATEHOUSE_REDIS_URL", redis.url());
        environment.put("GATEHOUSE_REDIS_KEY_PREFIX", redis.prefix());
        return Optional.of(redis);
    }
}
