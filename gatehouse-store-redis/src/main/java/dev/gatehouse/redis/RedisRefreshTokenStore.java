package dev.gatehouse.redis;

import dev.gatehouse.core.client.ClientGrant;
import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;
import io.lettuce.core.Range;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Refresh tokens in Redis, shared by every instance that uses the same Redis and key prefix, so
 * that a token spent on one instance is seen as reused on every other.
 *
 * <p>Keys, after the prefix:
 * <ul>
 *   <li>{@code refresh:<id>}: a hash, the token's fields; its TTL runs to the token's purge time
 *       (below) plus a margin of ten minutes</li>
 *   <li>{@code refresh-token:<tokenHash>}: a string, the id; the same TTL</li>
 *   <li>{@code refresh-family:<familyId>}, {@code refresh-user:<userId>},
 *       {@code refresh-session:<sessionId>}: sorted sets of token ids scored by their family's
 *       end, for {@link #listFamily} and the revocations</li>
 *   <li>{@code refresh-active}: a sorted set of the active tokens' ids scored by expiry, which
 *       {@link #countActive} counts</li>
 *   <li>{@code refresh-purge}: a sorted set of every token id scored by its purge time, which
 *       {@link #deleteExpired} walks: the token's expiry, or its family's end once it is spent, so
 *       that a spent token presented late is still seen as reuse</li>
 * </ul>
 * {@link #markSpent} is a Lua script that reads the state and writes SPENT in one atomic step:
 * of any number of callers on any number of instances, exactly one finds it ACTIVE. Every other
 * change that touches more than one key is a script too. Redis standalone or with replicas
 * (Sentinel); not Redis Cluster, whose slots would split a script's keys.
 */
public final class RedisRefreshTokenStore implements RefreshTokenStore {
    // The hash's fields; the scripts name state, tokenHash, familyId, userId, sessionId, familyExpiresAt, spentAt and replacedBy too.
    private static final String ID = "id";
    private static final String TOKEN_HASH = "tokenHash";
    private static final String FAMILY_ID = "familyId";
    private static final String USER_ID = "userId";
    private static final String SESSION_ID = "sessionId";
    private static final String ISSUED_AT = "issuedAt";
    private static final String EXPIRES_AT = "expiresAt";
    private static final String FAMILY_EXPIRES_AT = "familyExpiresAt";
    private static final String STATE = "state";
    private static final String SPENT_AT = "spentAt";
    private static final String REPLACED_BY = "replacedBy";
    /** The OpenID client a family was issued to, and its scopes (separated by spaces); absent for Gatehouse's own sign-in. */
    private static final String CLIENT_ID = "clientId";
    private static final String SCOPES = "scopes";

    /**
     * The start of every refresh token script. KEYS[1..2]: the active and purge indexes; ARGV[4..8]:
     * the namespaces of records, token lookups and the family, user and session indexes; the
     * script's own arguments from ARGV[9].
     */
    private static final String COMMON = """
            local ACTIVE, PURGE = KEYS[1], KEYS[2]
            local RECORD, BY_TOKEN, BY_FAMILY, BY_USER, BY_SESSION = ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]

            local function delete_token(id)
              local t = redis.call('HMGET', RECORD .. id, 'tokenHash', 'familyId', 'userId', 'sessionId')
              redis.call('ZREM', PURGE, id)
              redis.call('ZREM', ACTIVE, id)
              if not t[1] then return 0 end
              redis.call('ZREM', BY_FAMILY .. t[2], id)
              redis.call('ZREM', BY_USER .. t[3], id)
              if t[4] then redis.call('ZREM', BY_SESSION .. t[4], id) end
              return redis.call('DEL', RECORD .. id, BY_TOKEN .. t[1]) > 0 and 1 or 0
            end

            """;

    // ARGV[9..13]: id, token hash, family id, user id, session id ('' for none); ARGV[14..16]: active until ('' unless
    // active), purge time, family end; ARGV[17..]: the hash's fields. 0 when the id or token hash is taken.
    private static final Script INSERT = Script.of(COMMON + """
            local id, token, family, user, session = ARGV[9], ARGV[10], ARGV[11], ARGV[12], ARGV[13]
            local active_until, purge_at, family_end = tonumber(ARGV[14]), tonumber(ARGV[15]), tonumber(ARGV[16])
            if redis.call('EXISTS', RECORD .. id, BY_TOKEN .. token) > 0 then return 0 end
            redis.call('HSET', RECORD .. id, unpack(ARGV, 17))
            redis.call('SET', BY_TOKEN .. token, id)
            expire(RECORD .. id, purge_at)
            expire(BY_TOKEN .. token, purge_at)
            index_add(BY_FAMILY .. family, id, family_end)
            index_add(BY_USER .. user, id, family_end)
            if session ~= '' then index_add(BY_SESSION .. session, id, family_end) end
            redis.call('ZADD', PURGE, purge_at, id)
            if active_until then redis.call('ZADD', ACTIVE, active_until, id) end
            return 1
            """);

    // ARGV[9..11]: id, spent at, replaced by. The compare-and-set: only an ACTIVE token is spent. A spent
    // token is kept until its family ends, for reuse detection.
    private static final Script MARK_SPENT = Script.of(COMMON + """
            local id = ARGV[9]
            local t = redis.call('HMGET', RECORD .. id, 'state', 'tokenHash', 'familyExpiresAt')
            if t[1] ~= 'ACTIVE' then return 0 end
            redis.call('HSET', RECORD .. id, 'state', 'SPENT', 'spentAt', ARGV[10], 'replacedBy', ARGV[11])
            redis.call('ZREM', ACTIVE, id)
            local family_end = tonumber(t[3])
            redis.call('ZADD', PURGE, family_end, id)
            expire(RECORD .. id, family_end)
            expire(BY_TOKEN .. t[2], family_end)
            return 1
            """);

    // KEYS[3]: the family, user or session index. Spent tokens stay spent, for reuse detection.
    private static final Script REVOKE = Script.of(COMMON + """
            local revoked = 0
            for _, id in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
              if redis.call('HGET', RECORD .. id, 'state') == 'ACTIVE' then
                redis.call('HSET', RECORD .. id, 'state', 'REVOKED')
                redis.call('ZREM', ACTIVE, id)
                revoked = revoked + 1
              end
            end
            return revoked
            """);

    // Due: the purge time is at or before now.
    private static final Script DELETE_EXPIRED = Redis.purgeScript(COMMON, "PURGE", "delete_token");

    private final Redis redis;
    private final Keyspace keys;
    private final String activeIndex;
    private final List<String> indexes;
    private final List<String> namespaces;

    RedisRefreshTokenStore(Redis redis, Keyspace keys) {
        this.redis = redis;
        this.keys = keys;
        this.activeIndex = keys.key("refresh-active");
        this.indexes = List.of(activeIndex, keys.key("refresh-purge"));
        this.namespaces = List.of(keys.namespace("refresh"), keys.namespace("refresh-token"), keys.namespace("refresh-family"),
                keys.namespace("refresh-user"), keys.namespace("refresh-session"));
    }

    /** @throws IllegalStateException when the id or token hash is already stored (a token issued twice) */
    @Override
    public void insert(RefreshToken token) {
        List<String> fields = new Fields()
                .put(ID, token.id())
                .put(TOKEN_HASH, token.tokenHash())
                .put(FAMILY_ID, token.familyId())
                .put(USER_ID, token.userId())
                .putPresent(SESSION_ID, token.sessionId())
                .put(ISSUED_AT, token.issuedAt())
                .put(EXPIRES_AT, token.expiresAt())
                .put(FAMILY_EXPIRES_AT, token.familyExpiresAt())
                .put(STATE, token.state().name())
                .putPresent(SPENT_AT, token.spentAt())
                .putPresent(REPLACED_BY, token.replacedBy())
                .putPresent(CLIENT_ID, token.grant().map(ClientGrant::clientId))
                .putPresent(SCOPES, token.grant().map(ClientGrant::scopeText))
                .list();
        boolean active = token.state() == RefreshToken.State.ACTIVE;
        Instant purgeAt = token.state() == RefreshToken.State.SPENT ? token.familyExpiresAt() : token.expiresAt();
        List<String> args = Stream.concat(Stream.of(token.id().toString(), token.tokenHash(), token.familyId().toString(),
                        token.userId().toString(), token.sessionId().map(UUID::toString).orElse(""),
                        active ? Fields.millis(token.expiresAt()) : "", Fields.millis(purgeAt), Fields.millis(token.familyExpiresAt())),
                fields.stream()).toList();
        if (!redis.ask("insert refresh token", INSERT, indexes, withNamespaces(args))) {
            throw new IllegalStateException("refresh token id or token hash collision: a token was issued twice");
        }
    }

    @Override
    public Optional<RefreshToken> findByTokenHash(String tokenHash) {
        return redis.findVia("find refresh token by token hash", keys.key("refresh-token", tokenHash), namespaces.getFirst(),
                RedisRefreshTokenStore::read);
    }

    @Override
    public Optional<RefreshToken> findById(UUID id) {
        return redis.find("find refresh token by id", keys.key("refresh", id), RedisRefreshTokenStore::read);
    }

    @Override
    public boolean markSpent(UUID id, Instant spentAt, UUID replacedBy) {
        return redis.ask("spend refresh token", MARK_SPENT, indexes,
                withNamespaces(List.of(id.toString(), Fields.millis(spentAt), replacedBy.toString())));
    }

    @Override
    public int revokeFamily(UUID familyId) {
        return revoke("revoke refresh token family", keys.key("refresh-family", familyId));
    }

    @Override
    public int revokeAllForUser(UUID userId) {
        return revoke("revoke refresh tokens of user", keys.key("refresh-user", userId));
    }

    @Override
    public int revokeForSession(UUID sessionId) {
        return revoke("revoke refresh tokens of session", keys.key("refresh-session", sessionId));
    }

    @Override
    public List<RefreshToken> listFamily(UUID familyId) {
        return redis.listVia("list refresh token family", keys.key("refresh-family", familyId), namespaces.getFirst(),
                        RedisRefreshTokenStore::read)
                .stream()
                .sorted(Comparator.comparing(RefreshToken::issuedAt).thenComparing(t -> t.id().toString()))
                .toList();
    }

    /** Active: the state says so and the expiry lies strictly after {@code now}. One {@code ZCOUNT}: O(log n). */
    @Override
    public long countActive(Instant now) {
        return redis.call("count active refresh tokens",
                c -> c.zcount(activeIndex, Range.from(Range.Boundary.excluding(now.toEpochMilli()), Range.Boundary.unbounded())));
    }

    /** Walks the purge index in batches, so that Redis is never blocked for long. */
    @Override
    public int deleteExpired(Instant now) {
        return redis.purge("delete expired refresh tokens", DELETE_EXPIRED, indexes, namespaces, now);
    }

    private int revoke(String operation, String index) {
        return redis.count(operation, REVOKE, Stream.concat(indexes.stream(), Stream.of(index)).toList(), namespaces);
    }

    /** The ARGV of a refresh token script after the clock's: the namespaces {@link #COMMON} reads, then the script's own. */
    private List<String> withNamespaces(List<String> args) {
        return Stream.concat(namespaces.stream(), args.stream()).toList();
    }

    private static RefreshToken read(FieldReader f) {
        return new RefreshToken(f.uuid(ID), f.text(TOKEN_HASH), f.uuid(FAMILY_ID), f.uuid(USER_ID), f.optionalUuid(SESSION_ID),
                f.instant(ISSUED_AT), f.instant(EXPIRES_AT), f.instant(FAMILY_EXPIRES_AT), f.enumValue(STATE, RefreshToken.State.class),
                f.optionalInstant(SPENT_AT), f.optionalUuid(REPLACED_BY), grant(f));
    }

    private static Optional<ClientGrant> grant(FieldReader f) {
        Optional<String> clientId = f.optionalText(CLIENT_ID);
        Optional<String> scopes = f.optionalText(SCOPES);
        if (clientId.isPresent() != scopes.isPresent()) {
            throw new IllegalArgumentException("a refresh token with a client and no scopes, or scopes and no client");
        }
        return clientId.map(id -> new ClientGrant(id, ClientGrant.parseScopes(scopes.get())
                .orElseThrow(() -> new IllegalArgumentException("field " + SCOPES + " is malformed"))));
    }
}
