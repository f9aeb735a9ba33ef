package dev.gatehouse.redis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisUrlsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "redis://127.0.0.1:6379                 | redis://127.0.0.1:6379",
            "redis://s3cret@127.0.0.1:6379/2        | redis://***@127.0.0.1:6379/2",
            "redis://alice:s3cret@redis.internal    | redis://***@redis.internal",
            "rediss://:s3cret@redis.internal:6380   | rediss://***@redis.internal:6380",
            "redis://s3c@ret@h:1                    | redis://***@h:1",
            "redis://h:1?password=s3cret&timeout=5s | redis://h:1?password=***&timeout=5s",
            "redis-sentinel://s3cret@h1:26379,h2:26379/0#main | redis-sentinel://***@h1:26379,h2:26379/0#main",
    })
    void redactMasksEveryPassword(String url, String shown) {
        assertThat(RedisUrls.redact(url)).isEqualTo(shown);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost:6379", "http://s3cret@h:1", "redis://", "redis://s3cret@h:99999"})
    void parseRefusesWhatIsNoRedisUrlWithoutShowingThePassword(String url) {
        assertThatThrownBy(() -> RedisUrls.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a Redis URL")
                .hasMessageNotContaining("s3cret")
                .hasNoCause();
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis-sentinel://h1:26379,h2:26379/0#main", "redis-socket:///run/redis/redis.sock"})
    void parseTakesSentinelsAndUnixSockets(String url) {
        assertThat(RedisUrls.parse(url)).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"redis://s3cret@127.0.0.1:6379/2, 127.0.0.1, 6379, 2", "redis://redis.internal, redis.internal, 6379, 0"})
    void parseReadsHostPortAndDatabase(String url, String host, int port, int database) {
        var uri = RedisUrls.parse(url);

        assertThat(uri.getHost()).isEqualTo(host);
        assertThat(uri.getPort()).isEqualTo(port);
        assertThat(uri.getDatabase()).isEqualTo(database);
    }
}
