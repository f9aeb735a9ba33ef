package dev.gatehouse.redis;

import dev.gatehouse.core.spi.StoreUnavailableException;
import dev.gatehouse.core.support.MutableClock;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connecting, closing, and the arguments {@link RedisStores#connect} refuses. */
class RedisStoresTest {
    @RegisterExtension
    final TestRedis redis = new TestRedis();

    private final MutableClock clock = MutableClock.atFixedStart();

    @Test
    void aPortWhereNothingListensFailsAtOnceWithThePasswordMasked() throws IOException {
        int port = unusedPort();
        long started = System.nanoTime();

        assertThatThrownBy(() -> RedisStores.connect("redis://s3cret@127.0.0.1:" + port, "gh-test:", clock))
                .isInstanceOf(RedisStoreException.class)
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("connecting to Redis at redis://***@127.0.0.1:" + port + " failed: Redis cannot be reached")
                .satisfies(RedisStoresTest::noMessageInTheChainHoldsThePassword);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RedisStores.DEFAULT_COMMAND_TIMEOUT);
    }

    @Test
    void aWrongPasswordIsAStoreFailureThatDoesNotShowIt() {
        RedisURI test = redis.uri();
        // A user name no Redis has: a Redis without passwords would take any password of the default user.
        String url = "redis://gatehouse-test-nobody:s3cret@" + test.getHost() + ":" + test.getPort();

        assertThatThrownBy(() -> RedisStores.connect(url, redis.prefix(), clock))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageStartingWith("connecting to Redis at redis://***@")
                .hasMessageEndingWith("failed: Redis refused the command (WRONGPASS)")
                .satisfies(RedisStoresTest::noMessageInTheChainHoldsThePassword);
    }

    @Test
    void storesOfAClosedConnectionFailAtOnce() {
        RedisStores stores = redis.connect(clock);
        stores.sessions().countLive(clock.instant());
        stores.close();
        long started = System.nanoTime();

        assertThatThrownBy(() -> stores.sessions().findByTokenHash("hash-of-a-secret"))
                .isInstanceOf(RedisStoreException.class)
                .hasMessage("session store: find session by token hash failed: the stores are closed");
        assertThatThrownBy(() -> stores.refreshTokens().markSpent(UUID.randomUUID(), clock.instant(), UUID.randomUUID()))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageStartingWith("refresh token store: spend refresh token failed");
        assertThatThrownBy(() -> stores.revocations().isJtiRevoked("jti-1", clock.instant()))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageStartingWith("revocation store: check token id revocation failed");
        assertThatThrownBy(() -> stores.rateLimits().increment("login:ada", clock.instant().plusSeconds(60)))
                .isInstanceOf(RedisStoreException.class)
                .hasMessageStartingWith("rate-limit store: count attempt failed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void toStringShowsTheUrlWithoutItsPassword() {
        RedisStores stores = redis.connect(clock);

        assertThat(stores).hasToString("RedisStores[" + RedisUrls.redact(TestRedis.URL) + "]");
    }

    @Test
    void badArgumentsAreRefusedBeforeConnecting() {
        String url = "redis://s3cret@127.0.0.1:1";
        for (String prefix : new String[]{"", "gh test:", "gh*:", "gh?:", "gh[1]:", "gh\\:", "x".repeat(101)}) {
            assertThatThrownBy(() -> RedisStores.connect(url, prefix, clock)).as("prefix %s", prefix)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key prefix");
        }
        assertThatThrownBy(() -> RedisStores.connect(url, "gh:", Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command timeout");
        assertThatThrownBy(() -> RedisStores.connect("localhost:6379", "gh:", clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a Redis URL");
    }

    private static void noMessageInTheChainHoldsThePassword(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName()).doesNotContain("s3cret");
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
