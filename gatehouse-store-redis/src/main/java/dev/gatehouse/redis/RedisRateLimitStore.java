package dev.gatehouse.redis;

import dev.gatehouse.core.spi.RateLimitStore;
import io.lettuce.core.ScriptOutputType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 *   <li>{@code ratelimit-gate:<key>}: a string, when the gate opens (epoch milliseconds); its TTL
 *       is that instant plus the margin, and nothing else drops it</li>
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

    // KEYS[1]: the gate; ARGV[4..5]: the caller's now, when to open again. Answers when a closed gate opens, or -1: passed.
    private static final Script PASS = Script.of("""
            local closed = tonumber(redis.call('GET', KEYS[1]))
            if closed and closed > tonumber(ARGV[4]) then return closed end
            redis.call('SET', KEYS[1], ARGV[5])
            expire(KEYS[1], tonumber(ARGV[5]))
            return -1
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

    @Override
    public Optional<Instant> pass(String key, Instant now, Instant closeUntil) {
        long closed = redis.<Long>run("pass attempt gate", PASS, ScriptOutputType.INTEGER, List.of(keys.key("ratelimit-gate", key)),
                List.of(Fields.millis(now), Fields.millis(closeUntil)));
        return closed < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(closed));
    }

    @Override
    public void open(String key) {
        redis.call("open attempt gate", c -> c.del(keys.key("ratelimit-gate", key)));
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
