package dev.gatehouse.redis;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;
import io.lettuce.core.Range;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Sessions in Redis, shared by every instance that uses the same Redis and key prefix.
 *
 * <p>Keys, after the prefix:
 * <ul>
 *   <li>{@code session:<id>}: a hash, the session's fields; its TTL is the session's expiry
 *       (absolute or idle, whichever comes first) plus a margin of ten minutes, none when it never ends</li>
 *   <li>{@code session-token:<tokenHash>}: a string, the id; the same TTL</li>
 *   <li>{@code session-user:<userId>}: a sorted set of the user's session ids scored by expiry</li>
 *   <li>{@code session-expiry}: a sorted set of every session id scored by expiry ({@code +inf}
 *       when it never ends), which {@link #countLive} counts and {@link #deleteExpired} walks</li>
 * </ul>
 * Every change that touches more than one key is one Lua script, so the record and its indexes
 * never disagree. Redis standalone or with replicas (Sentinel); not Redis Cluster, whose slots
 * would split a script's keys.
 */
public final class RedisSessionStore implements SessionStore {
    // The hash's fields; the scripts name tokenHash, userId, lastSeenAt, absoluteExpiry and idleExpiry too.
    private static final String ID = "id";
    private static final String TOKEN_HASH = "tokenHash";
    private static final String USER_ID = "userId";
    private static final String CREATED_AT = "createdAt";
    private static final String LAST_SEEN_AT = "lastSeenAt";
    private static final String ABSOLUTE_EXPIRY = "absoluteExpiry";
    private static final String IDLE_EXPIRY = "idleExpiry";
    private static final String USER_AGENT = "userAgent";
    private static final String REMOTE_ADDRESS = "remoteAddress";

    /**
     * The start of every session script. KEYS[1]: the expiry index; ARGV[4..6]: the namespaces of
     * records, token lookups and user indexes; the script's own arguments from ARGV[7].
     */
    private static final String COMMON = """
            local EXPIRY, RECORD, BY_TOKEN, BY_USER = KEYS[1], ARGV[4], ARGV[5], ARGV[6]

            local function delete_session(id)
              local s = redis.call('HMGET', RECORD .. id, 'tokenHash', 'userId')
              redis.call('ZREM', EXPIRY, id)
              if not s[1] then return 0 end
              redis.call('ZREM', BY_USER .. s[2], id)
              return redis.call('DEL', RECORD .. id, BY_TOKEN .. s[1]) > 0 and 1 or 0
            end

            """;

    // ARGV[7..10]: id, user id, token hash, expiry ('' for never); ARGV[11..]: the hash's fields. 0 when the id or token hash is taken.
    private static final Script INSERT = Script.of(COMMON + """
            local id, user, token, expiry = ARGV[7], ARGV[8], ARGV[9], tonumber(ARGV[10])
            if redis.call('EXISTS', RECORD .. id, BY_TOKEN .. token) > 0 then return 0 end
            redis.call('HSET', RECORD .. id, unpack(ARGV, 11))
            redis.call('SET', BY_TOKEN .. token, id)
            expire(RECORD .. id, expiry)
            expire(BY_TOKEN .. token, expiry)
            index_add(BY_USER .. user, id, expiry)
            redis.call('ZADD', EXPIRY, expiry or '+inf', id)
            return 1
            """);

    // ARGV[7..9]: id, last seen, idle expiry ('' for none). The new expiry moves the TTLs and both indexes.
    private static final Script TOUCH = Script.of(COMMON + """
            local id, idle = ARGV[7], tonumber(ARGV[9])
            local s = redis.call('HMGET', RECORD .. id, 'tokenHash', 'userId', 'absoluteExpiry')
            if not s[1] then return 0 end
            redis.call('HSET', RECORD .. id, 'lastSeenAt', ARGV[8])
            if idle then redis.call('HSET', RECORD .. id, 'idleExpiry', ARGV[9]) else redis.call('HDEL', RECORD .. id, 'idleExpiry') end
            local expiry = earliest(tonumber(s[3]), idle)
            expire(RECORD .. id, expiry)
            expire(BY_TOKEN .. s[1], expiry)
            index_add(BY_USER .. s[2], id, expiry)
            redis.call('ZADD', EXPIRY, expiry or '+inf', id)
            return 1
            """);

    // ARGV[7]: id.
    private static final Script DELETE = Script.of(COMMON + """
            return delete_session(ARGV[7])
            """);

    // ARGV[7..8]: user id, the id to keep ('' for none).
    private static final Script DELETE_FOR_USER = Script.of(COMMON + """
            local index, keep, deleted = BY_USER .. ARGV[7], ARGV[8], 0
            for _, id in ipairs(redis.call('ZRANGE', index, 0, -1)) do
              if id ~= keep then
                deleted = deleted + delete_session(id)
                redis.call('ZREM', index, id)
              end
            end
            return deleted
            """);

    // Expired: the expiry is at or before now.
    private static final Script DELETE_EXPIRED = Redis.purgeScript(COMMON, "EXPIRY", "delete_session");

    private final Redis redis;
    private final Keyspace keys;
    private final String expiryIndex;
    private final List<String> expiryIndexKey;
    private final List<String> namespaces;

    RedisSessionStore(Redis redis, Keyspace keys) {
        this.redis = redis;
        this.keys = keys;
        this.expiryIndex = keys.key("session-expiry");
        this.expiryIndexKey = List.of(expiryIndex);
        this.namespaces = List.of(keys.namespace("session"), keys.namespace("session-token"), keys.namespace("session-user"));
    }

    /** @throws IllegalStateException when the id or token hash is already stored (a token issued twice) */
    @Override
    public void insert(Session session) {
        List<String> fields = new Fields()
                .put(ID, session.id())
                .put(TOKEN_HASH, session.tokenHash())
                .put(USER_ID, session.userId())
                .put(CREATED_AT, session.createdAt())
                .put(LAST_SEEN_AT, session.lastSeenAt())
                .putPresent(ABSOLUTE_EXPIRY, session.absoluteExpiry())
                .putPresent(IDLE_EXPIRY, session.idleExpiry())
                .putPresent(USER_AGENT, session.userAgent())
                .putPresent(REMOTE_ADDRESS, session.remoteAddress())
                .list();
        List<String> args = Stream.concat(Stream.of(session.id().toString(), session.userId().toString(), session.tokenHash(),
                Fields.millis(session.expiresAt())), fields.stream()).toList();
        if (!redis.ask("insert session", INSERT, expiryIndexKey, withNamespaces(args))) {
            throw new IllegalStateException("session id or token hash collision: a session was issued twice");
        }
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return redis.findVia("find session by token hash", keys.key("session-token", tokenHash), namespaces.getFirst(),
                RedisSessionStore::read);
    }

    @Override
    public Optional<Session> findById(UUID id) {
        return redis.find("find session by id", keys.key("session", id), RedisSessionStore::read);
    }

    @Override
    public boolean touch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry) {
        return redis.ask("touch session", TOUCH, expiryIndexKey,
                withNamespaces(List.of(id.toString(), Fields.millis(lastSeenAt), Fields.millis(idleExpiry))));
    }

    @Override
    public boolean delete(UUID id) {
        return redis.ask("delete session", DELETE, expiryIndexKey, withNamespaces(List.of(id.toString())));
    }

    @Override
    public int deleteAllForUser(UUID userId) {
        return redis.count("delete sessions of user", DELETE_FOR_USER, expiryIndexKey, withNamespaces(List.of(userId.toString(), "")));
    }

    @Override
    public int deleteAllForUserExcept(UUID userId, UUID keep) {
        return redis.count("delete other sessions of user", DELETE_FOR_USER, expiryIndexKey,
                withNamespaces(List.of(userId.toString(), keep.toString())));
    }

    @Override
    public List<Session> listForUser(UUID userId) {
        return redis.listVia("list sessions of user", keys.key("session-user", userId), namespaces.getFirst(), RedisSessionStore::read)
                .stream()
                .sorted(Comparator.comparing(Session::createdAt).reversed().thenComparing(s -> s.id().toString()))
                .toList();
    }

    /** Live: the expiry lies strictly after {@code now}, as in {@link Session#isLiveAt}. One {@code ZCOUNT}: O(log n). */
    @Override
    public long countLive(Instant now) {
        return redis.call("count live sessions",
                c -> c.zcount(expiryIndex, Range.from(Range.Boundary.excluding(now.toEpochMilli()), Range.Boundary.unbounded())));
    }

    /**
     * Expired: the expiry is at or before {@code now}. Walks the expiry index in batches, so that
     * Redis is never blocked for long.
     */
    @Override
    public int deleteExpired(Instant now) {
        return redis.purge("delete expired sessions", DELETE_EXPIRED, expiryIndexKey, namespaces, now);
    }

    /** The ARGV of a session script after the clock's: the namespaces {@link #COMMON} reads, then the script's own. */
    private List<String> withNamespaces(List<String> args) {
        return Stream.concat(namespaces.stream(), args.stream()).toList();
    }

    private static Session read(FieldReader f) {
        return new Session(f.uuid(ID), f.text(TOKEN_HASH), f.uuid(USER_ID), f.instant(CREATED_AT), f.instant(LAST_SEEN_AT),
                f.optionalInstant(ABSOLUTE_EXPIRY), f.optionalInstant(IDLE_EXPIRY), f.optionalText(USER_AGENT),
                f.optionalText(REMOTE_ADDRESS));
    }
}
