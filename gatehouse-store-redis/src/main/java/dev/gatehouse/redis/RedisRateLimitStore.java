package dev.gatehouse.redis;

import dev.gatehouse.core.ratelimit.RateLimitStore;

import io.lettuce.core.ScriptOutputType;

import java.time.Instant;
import java.util.List;

/**
 * Rate-limit counters in Redis, shared by every instance that uses the same Redis and key
 * prefix, so that an attacker spreading attempts over instances is still counted once.
 *
 * <p>Keys, after the prefix:
 * <ul>
 *   <li>{@code ratelimit:<windowEnd>:<key>}: a string, the count ({@code INCR}); its TTL is the
 *       window's end (epoch milliseconds, also in the key) plus a margin of ten minutes</li>
 *   <li>{@code ratelimit-windows}: a sorted set of {@code <windowEnd>:<key>} scored by the
 *       window's end, which {@link #deleteExpired} walks</li>
 * </ul>
 */
public final class RedisRateLimitStore implements RateLimitStore {
    // KEYS[1..2]: the window index, the counter; ARGV[4..5]: the window's index member, its end. The first count sets the TTL.
    private static final Script INCREMENT = Script.of("""
            local count = redis.call('INCR', KEYS[2])
            if count == 1 then
              expire(KEYS[2], tonumber(ARGV[5]))
              redis.call('ZADD', KEYS[1], ARGV[5], ARGV[4])
            end
            return count
            """);

    // KEYS[1..2]: the window index, the counter; ARGV[4]: the window's index member.
    private static final Script RESET = Script.of("""
            redis.call('DEL', KEYS[2])
            redis.call('ZREM', KEYS[1], ARGV[4])
            return 0
            """);

    private final Redis redis;
    private final Keyspace keys;
    private final String windowIndex;

    RedisRateLimitStore(Redis redis, Keyspace keys) {
        this.redis = redis;
        this.keys = keys;
        this.windowIndex = keys.key("ratelimit-windows");
    }

    @Override
    public long increment(String key, Instant windowEnd) {
        String window = window(key, windowEnd);
        return redis.<Long>run("count attempt", INCREMENT, ScriptOutputType.INTEGER, List.of(windowIndex, keys.key("ratelimit", window)),
                List.of(window, Fields.millis(windowEnd)));
    }

    @Override
    public long count(String key, Instant windowEnd) {
        return redis.value("read attempt count", keys.key("ratelimit", window(key, windowEnd)), Long::parseLong).orElse(0L);
    }

    @Override
    public void reset(String key, Instant windowEnd) {
        String window = window(key, windowEnd);
        redis.count("reset attempt count", RESET, List.of(windowIndex, keys.key("ratelimit", window)), List.of(window));
    }

    /** Walks the window index in batches, so that Redis is never blocked for long. */
    @Override
    public int deleteExpired(Instant now) {
        return redis.purgeIndexed("delete ended rate-limit windows", windowIndex, keys.namespace("ratelimit"), now);
    }

    /** Windows of one key are told apart by their end, which comes first because it holds no colon. */
    private static String window(String key, Instant windowEnd) {
        return Fields.millis(windowEnd) + ":" + key;
    }
}
