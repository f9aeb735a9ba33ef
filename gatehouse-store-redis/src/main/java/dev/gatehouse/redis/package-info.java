/**
 * Sessions, refresh tokens, access-token revocations and rate-limit counters on Redis, shared by
 * several Gatehouse instances ({@code GATEHOUSE_REDIS_URL}). Users, signing keys and server
 * secrets stay in the SQL store. {@link dev.gatehouse.redis.RedisStores#connect} opens one
 * connection and hands out the four stores; each store's Javadoc lists its keys.
 *
 * <h2>Why Lettuce, not Jedis</h2>
 * <ul>
 *   <li>One connection serves every thread: Lettuce's connections are thread-safe and pipeline
 *       the commands of concurrent callers, where Jedis needs a pool with a connection per
 *       concurrent caller, and a pool size to tune and to run out of under load.</li>
 *   <li>Failures are bounded: every command has a timeout, and while the connection is down
 *       commands are rejected at once; a Netty event loop reconnects in the background, so the
 *       stores fail closed during an outage and work again after it without a restart.</li>
 *   <li>Pub/sub on the same client, for the cache invalidation that reaches every instance.</li>
 *   <li>Lua scripting, Sentinel, TLS and RESP3 in the same maintained client (Redis Ltd. keeps
 *       it; Spring Data Redis uses it by default).</li>
 * </ul>
 * The price: Lettuce, Netty and Reactor make about 7.5 MB of jars where Jedis is under 1 MB, and
 * a non-blocking core is harder to follow in a stack trace. The stores use only the synchronous
 * API.
 *
 * <h2>Time</h2>
 * Every value keeps its own expiry, and every answer compares it with the {@code now} the caller
 * passes; Redis's TTLs only collect garbage: each is the expiry plus a margin of ten minutes,
 * computed from the injected clock, never from Redis's. Per-owner indexes (a user's sessions, a family's tokens)
 * drop members that Redis has already dropped as they grow. The global expiry indexes are
 * emptied by {@code deleteExpired}, which the server calls every minute; an application that
 * embeds these stores should do the same.
 *
 * <h2>Atomicity</h2>
 * Every change that reads before it writes, or touches more than one key, is one Lua script:
 * Redis runs a script with nothing else in between, on whichever connection or instance it
 * comes from. This needs a single Redis master (standalone, or Sentinel for failover); Redis
 * Cluster would split a script's keys over slots and is not supported.
 *
 * <h2>Durability</h2>
 * Redis keeps what its persistence settings keep: with {@code appendonly yes} and
 * {@code appendfsync everysec} a crash loses at most about a second of writes; without
 * persistence a restart forgets everything: sessions and refresh tokens end (users sign in
 * again), and revocations and not-before times are gone, so a revoked access token is accepted
 * again until it expires. A Sentinel failover can lose the writes the old master had not yet
 * replicated, with the same effects.
 */
package dev.gatehouse.redis;
