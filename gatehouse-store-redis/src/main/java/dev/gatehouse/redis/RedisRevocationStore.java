package dev.gatehouse.redis;

import dev.gatehouse.core.spi.RevocationStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Access-token revocations in Redis, shared by every instance that uses the same Redis and key
 * prefix.
 *
 * <p>Keys, after the prefix:
 * <ul>
 *   <li>{@code revoked-jti:<jti>}: a string, the revocation's expiry in epoch milliseconds; its
 *       TTL is that expiry plus a margin of ten minutes</li>
 *   <li>{@code revoked-jti-expiry}: a sorted set of the revoked ids scored by expiry, which
 *       {@link #deleteExpired} walks</li>
 *   <li>{@code user-not-before:<userId>}: a string, the not-before time in epoch milliseconds,
 *       without TTL: like the SQL stores, it is kept for good</li>
 * </ul>
 * Both writes are Lua scripts that compare with what is kept and only ever move it later, so a
 * late, stale write from another instance can neither shorten a revocation nor un-revoke a user.
 */
public final class RedisRevocationStore implements RevocationStore {
    // Sets the number at key to value unless it already holds a later (or the same) one; true when it changed.
    private static final String RAISE = """
            local function raise(key, value)
              local kept = tonumber(redis.call('GET', key))
              if kept and kept >= tonumber(value) then return false end
              redis.call('SET', key, value)
              return true
            end

            """;

    // KEYS[1..2]: the expiry index, the id's key; ARGV[4..5]: the id, its expiry.
    private static final Script REVOKE_JTI = Script.of(RAISE + """
            if not raise(KEYS[2], ARGV[5]) then return 0 end
            expire(KEYS[2], tonumber(ARGV[5]))
            redis.call('ZADD', KEYS[1], ARGV[5], ARGV[4])
            return 1
            """);

    // KEYS[1]: the user's key; ARGV[4]: the not-before time.
    private static final Script SET_NOT_BEFORE = Script.of(RAISE + """
            return raise(KEYS[1], ARGV[4]) and 1 or 0
            """);

    private final Redis redis;
    private final Keyspace keys;
    private final String jtiIndex;

    RedisRevocationStore(Redis redis, Keyspace keys) {
        this.redis = redis;
        this.keys = keys;
        this.jtiIndex = keys.key("revoked-jti-expiry");
    }

    @Override
    public void revokeJti(String jti, Instant expiresAt) {
        redis.ask("revoke token id", REVOKE_JTI, List.of(jtiIndex, keys.key("revoked-jti", jti)), List.of(jti, Fields.millis(expiresAt)));
    }

    @Override
    public boolean isJtiRevoked(String jti, Instant now) {
        return redis.value("check token id revocation", keys.key("revoked-jti", jti), Long::parseLong)
                .map(expiry -> now.toEpochMilli() < expiry)
                .orElse(false);
    }

    @Override
    public void setUserNotBefore(UUID userId, Instant notBefore) {
        redis.ask("set user not-before", SET_NOT_BEFORE, List.of(keys.key("user-not-before", userId)), List.of(Fields.millis(notBefore)));
    }

    @Override
    public Optional<Instant> userNotBefore(UUID userId) {
        return redis.value("read user not-before", keys.key("user-not-before", userId), v -> Instant.ofEpochMilli(Long.parseLong(v)));
    }

    /** Walks the expiry index in batches, so that Redis is never blocked for long; not-before times stay. */
    @Override
    public int deleteExpired(Instant now) {
        return redis.purgeIndexed("delete expired token id revocations", jtiIndex, keys.namespace("revoked-jti"), now);
    }
}
