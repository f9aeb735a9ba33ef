package dev.gatehouse.redis;

import dev.gatehouse.testing.RequiredService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The machine's Redis for one test, as a JUnit extension ({@code @RegisterExtension final TestRedis
 * redis = new TestRedis();}): the test gets a random key prefix of its own, the stores it opened
 * are closed and every key under its prefix is deleted afterwards, so tests run in parallel and
 * leave nothing behind.
 *
 * <p>Redis is {@code redis://127.0.0.1:6379} unless {@code GATEHOUSE_TEST_REDIS_URL} names
 * another. It is looked for once per run, when a test first needs it: a test that needs it and
 * cannot have it fails if {@code CI=true} and is skipped, saying why, otherwise. Tests that do not
 * call for it run either way.
 */
final class TestRedis implements BeforeEachCallback, AfterEachCallback {
    static final String URL = Optional.ofNullable(System.getenv("GATEHOUSE_TEST_REDIS_URL")).orElse("redis://127.0.0.1:6379");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestRedis.class);

    private final String prefix = "gh-test:" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8)) + ":";
    private final List<RedisStores> opened = new ArrayList<>();
    private ExtensionContext context;
    private Inspector inspector;

    /** This test's key prefix. */
    String prefix() {
        return prefix;
    }

    /** Stores on the test Redis under this test's prefix; closed after the test. */
    RedisStores connect(Clock clock) {
        return connect(URL, RedisStores.DEFAULT_COMMAND_TIMEOUT, clock);
    }

    /** Stores under this test's prefix at another address (a proxy in front of the test Redis, say); closed after the test. */
    RedisStores connect(String url, Duration commandTimeout, Clock clock) {
        inspector();
        RedisStores stores = RedisStores.connect(url, prefix, commandTimeout, clock);
        opened.add(stores);
        return stores;
    }

    /** The test Redis's address. */
    RedisURI uri() {
        inspector();
        return RedisUrls.parse(URL);
    }

    /** Plain commands on the test Redis, to look at what the stores wrote. */
    RedisCommands<String, String> commands() {
        return inspector().connection().sync();
    }

    /** The keys under this test's prefix. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(commands(), ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(keys::add);
        return keys;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        this.context = context;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(RedisStores::close);
        if (inspector != null) {
            List<String> keys = keys();
            if (!keys.isEmpty()) {
                commands().unlink(keys.toArray(String[]::new));
            }
        }
    }

    private Inspector inspector() {
        if (inspector == null) {
            Inspector shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Inspector.class, k -> Inspector.open(), Inspector.class);
            if (shared.failure() != null) {
                String why = "Redis cannot be reached at " + RedisUrls.redact(URL) + " (GATEHOUSE_TEST_REDIS_URL names another)";
                throw RequiredService.missing(why, shared.failure());
            }
            inspector = shared;
        }
        return inspector;
    }

    /** One connection for every test of the run, closed by JUnit at the end; or why there is none. */
    private record Inspector(RedisClient client, StatefulRedisConnection<String, String> connection, RedisException failure)
            implements AutoCloseable {
        static Inspector open() {
            RedisClient client = RedisClient.create(RedisUrls.parse(URL));
            try {
                return new Inspector(client, client.connect(), null);
            } catch (RedisException e) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                return new Inspector(null, null, e);
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                connection.close();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }
}
