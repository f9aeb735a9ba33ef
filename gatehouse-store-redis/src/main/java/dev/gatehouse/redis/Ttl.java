package dev.gatehouse.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * How long Redis keeps an entry: until the entry's own expiry, as the application's clock sees
 * it, plus a margin. Redis only collects garbage with these TTLs; whether something is live is
 * always decided by comparing the expiry kept in the entry with the {@code now} a caller passes,
 * so neither Redis's clock nor the moment its TTLs fire ever decides an answer.
 *
 * <p>TTLs are relative ({@code PEXPIRE}), computed from the injected {@link Clock}: an absolute
 * {@code PEXPIREAT} would be read against Redis's clock, which may disagree with ours.
 */
final class Ttl {
    /**
     * Added to every TTL: instances whose clocks disagree by minutes still agree on what is
     * stored, and the purge (every minute in the server) deletes an entry, and counts it, before
     * Redis drops it.
     */
    static final Duration MARGIN = Duration.ofMinutes(10);

    /** The least TTL, for an entry stored when it had long ended (a late write, a clock far ahead). */
    static final Duration FLOOR = Duration.ofSeconds(5);

    /**
     * The start of every script: ARGV[1..3] are the application's now, the margin and the floor,
     * in milliseconds, and these functions turn expiries (epoch milliseconds, nil for never) into TTLs.
     */
    static final String LUA = """
            local now, margin, floor = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])

            local function ttl(expiry)
              return math.max(expiry - now + margin, floor)
            end

            -- Sets the key's TTL for what ends at expiry; nil: it never ends.
            local function expire(key, expiry)
              if expiry then redis.call('PEXPIRE', key, ttl(expiry)) else redis.call('PERSIST', key) end
            end

            -- The earlier of two expiries, either of which may be nil (never).
            local function earliest(a, b)
              if a and b then return math.min(a, b) end
              return a or b
            end

            -- Adds member to an owner's index, a sorted set scored by the member's expiry (+inf: never).
            -- Members Redis has already dropped (expired more than the margin ago) leave first, and the
            -- index lives as long as its longest-lived member, so no index outgrows what it points to.
            local function index_add(key, member, expiry)
              redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('(%d', now - margin))
              redis.call('ZADD', key, expiry or '+inf', member)
              local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2]
              expire(key, last ~= 'inf' and tonumber(last) or nil)
            end

            """;

    private final Clock clock;

    Ttl(Clock clock) {
        this.clock = clock;
    }

    /** The first three arguments of every script, read by {@link #LUA}. */
    List<String> argv() {
        return List.of(Long.toString(clock.millis()), Long.toString(MARGIN.toMillis()), Long.toString(FLOOR.toMillis()));
    }
}
