package dev.gatehouse.server;

import dev.gatehouse.testing.RequiredService;
import dev.gatehouse.testing.TcpProxy;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A key prefix of its own on the machine's Redis (or {@code GATEHOUSE_TEST_REDIS_URL}) for the
 * servers of one test; {@link #close} deletes every key under it. Unreachable: the test is
 * skipped, saying why, except under {@code CI=true}, where it fails.
 */
final class SharedRedis implements AutoCloseable {
    private static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    private final String url;
    private final String prefix;

    private SharedRedis(String url, String prefix) {
        this.url = url;
        this.prefix = prefix;
    }

    static SharedRedis create() {
        String configured = System.getenv("GATEHOUSE_TEST_REDIS_URL");
        String url = configured == null || configured.isBlank() ? DEFAULT_URL : configured.strip();
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        SharedRedis redis = new SharedRedis(url, "gh-test:" + HexFormat.of().formatHex(random) + ":");
        try {
            redis.run(connection -> connection.sync().ping());
        } catch (RedisException e) {
            String reason = "Redis cannot be reached: " + e.getClass().getSimpleName();
            throw RequiredService.missing(reason, e);
        }
        return redis;
    }

    String url() {
        return url;
    }

    /** {@link #url()} with Redis reached through a local port instead (a {@link TcpProxy}). */
    String urlThrough(int localPort) {
        java.net.URI uri = java.net.URI.create(url);
        return url.replaceFirst(java.util.regex.Pattern.quote(uri.getRawAuthority().replaceFirst("^.*@", "")), "127.0.0.1:" + localPort);
    }

    String prefix() {
        return prefix;
    }

    /** Deletes every key under the prefix. */
    @Override
    public void close() {
        run(connection -> {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    connection.sync().unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return null;
        });
    }

    private <T> T run(java.util.function.Function<StatefulRedisConnection<String, String>, T> work) {
        io.lettuce.core.RedisURI uri = io.lettuce.core.RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return work.apply(connection);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
