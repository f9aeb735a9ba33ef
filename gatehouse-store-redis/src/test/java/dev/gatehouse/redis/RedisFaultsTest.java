package dev.gatehouse.redis;

import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.testing.TcpProxy;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bad network between the stores and Redis, played by a {@link TcpProxy}: every call fails
 * within the command timeout with a {@link RedisStoreException}, never hangs nor answers
 * wrongly, and the stores work again by themselves once the network does.
 */
class RedisFaultsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    // The command timeout, and room for a loaded machine; far less than a client waits for an answer.
    private static final Duration FAST = TIMEOUT.plusSeconds(1);

    @RegisterExtension
    final TestRedis redis = new TestRedis();

    private final MutableClock clock = MutableClock.atFixedStart();
    private TcpProxy proxy;
    private SessionStore sessions;

    @BeforeEach
    void connectThroughAProxy() throws IOException {
        RedisURI test = redis.uri();
        proxy = TcpProxy.to(test.getHost(), test.getPort());
        String throughProxy = RedisURI.builder(test).withHost("127.0.0.1").withPort(proxy.port()).build().toURI().toString();
        sessions = redis.connect(throughProxy, TIMEOUT, clock).sessions();
    }

    @AfterEach
    void closeProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aStalledNetworkFailsWithinTheTimeoutAndRecovers() throws IOException {
        assertThat(sessions.countLive(clock.instant())).isZero();
        proxy.blackHole();

        long started = System.nanoTime();
        assertThatThrownBy(() -> sessions.findByTokenHash("hash-of-a-secret-token"))
                .isInstanceOf(RedisStoreException.class)
                .hasMessage("session store: find session by token hash failed: Redis did not answer within the command timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(TIMEOUT.minusMillis(50), FAST);

        proxy.restore();
        assertThat(eventually(() -> sessions.findById(UUID.randomUUID()).isEmpty())).isTrue();
    }

    @Test
    void aLostServerFailsFastAndIsReconnectedToByItself() throws IOException {
        assertThat(sessions.countLive(clock.instant())).isZero();
        proxy.cut();

        // Whatever the client was doing when the connection went, every call now fails, and fast.
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> sessions.countLive(clock.instant())).isInstanceOf(RedisStoreException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAST);
        }

        proxy.restore();
        assertThat(eventually(() -> sessions.countLive(clock.instant()) == 0)).isTrue();
    }

    /** True once {@code check} is, false if it is not within ten seconds; store failures meanwhile count as not yet. */
    private static boolean eventually(java.util.function.BooleanSupplier check) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (check.getAsBoolean()) {
                    return true;
                }
            } catch (RedisStoreException e) {
                // Not back yet.
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
