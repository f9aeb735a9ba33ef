package dev.gatehouse.http;

import dev.gatehouse.core.access.TrustedProxies;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The client address behind a trusted proxy, read from every X-Forwarded-For line, over real HTTP. */
class ClientAddressesTest {
    /** Answers the client address it reads; the test client connects from 127.0.0.1. */
    private static String addressFor(TrustedProxies proxies, String headerLines) {
        ClientAddresses addresses = new ClientAddresses(proxies);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.result(addresses.of(ctx)));
        }).start("127.0.0.1", 0);
        try (Api api = new Api("http://127.0.0.1:" + app.port())) {
            Api.Reply reply = api.sendRaw("GET / HTTP/1.1" + (headerLines.isEmpty() ? "" : "\r\n" + headerLines), new byte[0]);
            assertThat(reply.status()).isEqualTo(200);
            return reply.body();
        } finally {
            app.stop();
        }
    }

    /** {@code " // "} separates header lines. */
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                                                      | 127.0.0.1",
            "X-Forwarded-For: 203.0.113.7                            | 203.0.113.7",
            // the client's own entries are left of the one its proxy wrote: never read
            "X-Forwarded-For: 198.51.100.1, 203.0.113.7              | 203.0.113.7",
            "X-Forwarded-For: 198.51.100.1 // X-Forwarded-For: 203.0.113.7 | 203.0.113.7",
            "X-Forwarded-For: 203.0.113.7, 127.0.0.1                 | 203.0.113.7",
            "X-Forwarded-For: 203.0.113.7 // X-Forwarded-For: 127.0.0.1 | 203.0.113.7",
            "X-Forwarded-For: ::ffff:203.0.113.7                     | 203.0.113.7",
            "X-Forwarded-For: [2001:DB8::1]                          | 2001:db8:0:0:0:0:0:1",
            // garbled entries never choose an address: the last one a trusted party vouched for counts
            "X-Forwarded-For: unknown                                | 127.0.0.1",
            "X-Forwarded-For: 198.51.100.1, garbage                  | 127.0.0.1",
            "X-Forwarded-For: 198.51.100.1, garbage, 127.0.0.1       | 127.0.0.1",
            "X-Forwarded-For: 203.0.113.7:4711                       | 127.0.0.1",
            "X-Forwarded-For: 198.51.100.1,                          | 127.0.0.1",
            "X-Forwarded-For: 198.51.100.1 // X-Forwarded-For: evil.example | 127.0.0.1",
            "X-Forwarded-For: 999.0.0.1                              | 127.0.0.1",
            "X-Forwarded-For: 203.0.113.7 203.0.113.8                | 127.0.0.1"})
    void theRightmostUntrustedAddressIsTheClient(String headerLines, String expected) {
        assertThat(addressFor(TrustedProxies.parse("127.0.0.1/32"), headerLines.replace(" // ", "\r\n"))).isEqualTo(expected);
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnored() {
        assertThat(addressFor(TrustedProxies.parse("10.0.0.0/8"), "X-Forwarded-For: 203.0.113.7")).isEqualTo("127.0.0.1");
        assertThat(addressFor(TrustedProxies.none(), "X-Forwarded-For: 203.0.113.7")).isEqualTo("127.0.0.1");
    }
}
