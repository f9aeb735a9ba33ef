package dev.gatehouse.redis;

import dev.gatehouse.core.spi.EventFeed;
import dev.gatehouse.core.spi.StoreOutage;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One connection to Redis and the four stores that share it. Open one per process, hand the
 * stores to the services, close it at shutdown. Users, keys and server secrets stay in SQL.
 *
 * <pre>{@code
 * try (RedisStores redis = RedisStores.connect("redis://127.0.0.1:6379", RedisStores.DEFAULT_KEY_PREFIX, Clock.systemUTC())) {
 *     SessionStore sessions = redis.sessions();
 *     RefreshTokenStore refreshTokens = redis.refreshTokens();
 *     ...
 * }
 * }</pre>
 *
 * <p>Fail closed, recover by itself: a command that gets no answer within the command timeout,
 * or is issued while the connection is down, throws a {@link RedisStoreException} at once
 * instead of waiting in a queue; meanwhile the client reconnects in the background, and the next
 * command after Redis is back succeeds. Nothing needs restarting.
 */
public final class RedisStores implements AutoCloseable {
    /** What every key starts with unless told otherwise. */
    public static final String DEFAULT_KEY_PREFIX = "gatehouse:";
    /** How long a command may take: long enough for a busy Redis, short enough that a request fails before its client gives up. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(RedisStores.class);
    // Glob characters would make SCAN MATCH <prefix>* find more than Gatehouse's keys.
    private static final Pattern PREFIX = Pattern.compile("[^\\s*?\\[\\]\\\\]{1,100}");

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String shownUrl;
    private final Keyspace keys;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RedisSessionStore sessions;
    private final RedisRefreshTokenStore refreshTokens;
    private final RedisRevocationStore revocations;
    private final RedisRateLimitStore rateLimits;

    private RedisStores(RedisClient client, StatefulRedisConnection<String, String> connection, String shownUrl, Keyspace keys, Clock clock) {
        this.client = client;
        this.connection = connection;
        this.keys = keys;
        this.shownUrl = shownUrl;
        StoreOutage outage = new StoreOutage("Redis at " + shownUrl);
        RedisCommands<String, String> commands = connection.sync();
        Ttl ttl = new Ttl(clock);
        this.sessions = new RedisSessionStore(new Redis(commands, ttl, closed::get, "session store", outage), keys);
        this.refreshTokens = new RedisRefreshTokenStore(new Redis(commands, ttl, closed::get, "refresh token store", outage), keys);
        this.revocations = new RedisRevocationStore(new Redis(commands, ttl, closed::get, "revocation store", outage), keys);
        this.rateLimits = new RedisRateLimitStore(new Redis(commands, ttl, closed::get, "rate-limit store", outage), keys);
    }

    /**
     * {@link #connect(String, String, Duration, Clock)} with the {@link #DEFAULT_COMMAND_TIMEOUT}.
     *
     * @param redisUrl  {@code redis://[password@]host:port[/database]}, read as the four-argument {@code connect} reads it
     * @param keyPrefix what every key starts with, such as {@link #DEFAULT_KEY_PREFIX}
     * @param clock     the clock the services use: TTLs are computed from it, never from Redis's
     * @return the open connection and its stores; close it at shutdown
     * @throws IllegalArgumentException when an argument is invalid; a URL is shown with its password masked
     * @throws RedisStoreException when Redis cannot be reached or refuses the connection
     */
    public static RedisStores connect(String redisUrl, String keyPrefix, Clock clock) {
        return connect(redisUrl, keyPrefix, DEFAULT_COMMAND_TIMEOUT, clock);
    }

    /**
     * Connects to Redis.
     *
     * @param redisUrl {@code redis://[password@]host:port[/database]} ({@code rediss://} for TLS;
     *        Sentinel and Unix sockets as Lettuce's {@link io.lettuce.core.RedisURI} reads them)
     * @param keyPrefix what every key starts with, such as {@link #DEFAULT_KEY_PREFIX}: 1 to 100
     *        characters, no spaces nor glob characters ({@code * ? [ ] \})
     * @param commandTimeout how long a command (and connecting) may take before it fails
     * @param clock the clock the services use: TTLs are computed from it, never from Redis's
     * @return the open connection and its stores; close it at shutdown
     * @throws IllegalArgumentException when an argument is invalid; a URL is shown with its password masked
     * @throws RedisStoreException when Redis cannot be reached or refuses the connection (a wrong
     *         password, say); the message shows the URL with its password masked
     */
    public static RedisStores connect(String redisUrl, String keyPrefix, Duration commandTimeout, Clock clock) {
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(clock, "clock");
        if (!PREFIX.matcher(keyPrefix).matches()) {
            throw new IllegalArgumentException("the key prefix must be 1 to 100 characters without spaces nor * ? [ ] \\: " + keyPrefix);
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("the command timeout must be positive: " + commandTimeout);
        }
        RedisURI uri = RedisUrls.parse(redisUrl);
        uri.setTimeout(commandTimeout);
        String shown = RedisUrls.redact(redisUrl);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(options(commandTimeout));
        long started = System.nanoTime();
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect();
        } catch (RedisException e) {
            shutdown(client);
            throw new RedisStoreException("connecting to Redis at " + shown + " failed: " + RedisStoreException.reason(e), e);
        }
        LOG.info("connected to Redis {} (key prefix {}) in {} ms", shown, keyPrefix, (System.nanoTime() - started) / 1_000_000);
        return new RedisStores(client, connection, shown, new Keyspace(keyPrefix), clock);
    }

    private static ClientOptions options(Duration commandTimeout) {
        return ClientOptions.builder()
                // Every command is cancelled after the URI's timeout, not only the caller's wait for it.
                .timeoutOptions(TimeoutOptions.enabled())
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
                // While the connection is down, fail at once (the caller answers 503) rather than
                // queue commands that would hold request threads for the whole timeout. It also
                // fails the commands in flight when the connection drops, where the default re-sends
                // them after reconnecting and could run a spend or a count twice.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .build();
    }

    /**
     * The session store on this connection.
     *
     * @return the same store on every call
     */
    public RedisSessionStore sessions() {
        return sessions;
    }

    /**
     * The refresh token store on this connection.
     *
     * @return the same store on every call
     */
    public RedisRefreshTokenStore refreshTokens() {
        return refreshTokens;
    }

    /**
     * The access-token revocation store on this connection.
     *
     * @return the same store on every call
     */
    public RedisRevocationStore revocations() {
        return revocations;
    }

    /**
     * The rate-limit store on this connection.
     *
     * @return the same store on every call
     */
    public RedisRateLimitStore rateLimits() {
        return rateLimits;
    }

    /**
     * Starts the store events of the instances sharing this Redis (pub/sub on
     * {@code <prefix>events}), on a connection of its own; close it before this.
     *
     * @return a feed that is live only while it hears the instances' heartbeats
     * @throws RedisStoreException when the subscription cannot be made
     */
    public EventFeed startEvents() {
        try {
            return new RedisEventFeed(client.connectPubSub(), connection.sync(), keys.key("events"));
        } catch (RedisException e) {
            throw new RedisStoreException("subscribing to store events at " + shownUrl + " failed: " + RedisStoreException.reason(e), e);
        }
    }

    /** Closes the connection; the stores throw {@link RedisStoreException} afterwards. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
            shutdown(client);
        }
    }

    private static void shutdown(RedisClient client) {
        // No quiet period: nothing else runs on this client's threads.
        client.shutdown(Duration.ZERO, DEFAULT_COMMAND_TIMEOUT);
    }

    @Override
    public String toString() {
        return "RedisStores[" + shownUrl + "]";
    }
}
