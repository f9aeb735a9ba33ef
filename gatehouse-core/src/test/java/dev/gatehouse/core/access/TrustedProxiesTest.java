package dev.gatehouse.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    private static final TrustedProxies EXAMPLE = TrustedProxies.parse("127.0.0.1/32, ::1, 10.0.0.0/8,192.168.1.7, fd00::/8, 172.16.0.0/12");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "127.0.0.1, true",
            "127.0.0.2, false",
            "::1, true",
            "0:0:0:0:0:0:0:1, true",
            "[::1], true",
            "::ffff:127.0.0.1, true",
            "::ffff:10.1.2.3, true",
            "10.0.0.0, true",
            "10.255.255.255, true",
            "11.0.0.0, false",
            "9.255.255.255, false",
            "192.168.1.7, true",
            "192.168.1.8, false",
            "172.16.0.1, true",
            "172.31.255.255, true",
            "172.32.0.0, false",
            "fd12:3456::1, true",
            "fe80::1, false",
            "fe80::1%eth0, false",
            "::2, false",
            "::127.0.0.1, false",
            "localhost, false",
            "example.com, false",
            "'', false",
            "010.0.0.1, false",
            "10.0.0.256, false",
            "10.0.1, false",
            "167772161, false",
            "0x0a.0.0.1, false",
            "::::, false",
            "1:2:3:4:5:6:7:8:9, false"})
    void trustsOnlyListedAddresses(String remote, boolean trusted) {
        assertThat(EXAMPLE.trusts(remote)).isEqualTo(trusted);
        assertThat(EXAMPLE.trusts(remote)).as("the remembered verdict").isEqualTo(trusted);
    }

    @Test
    void verdictsStayRightPastTheRememberedPeers() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8");
        int peers = 2 * TrustedProxies.REMEMBERED_PEERS;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < peers; i++) {
                String inside = "10.0." + (i / 250) + "." + (i % 250);
                String outside = "11.0." + (i / 250) + "." + (i % 250);
                assertThat(proxies.trusts(inside)).as(inside).isTrue();
                assertThat(proxies.trusts(outside)).as(outside).isFalse();
            }
        }
    }

    @Test
    void nullIsNotTrusted() {
        assertThat(EXAMPLE.trusts(null)).isFalse();
    }

    @Test
    void loopbackOnlyIsTheDefault() {
        TrustedProxies loopback = TrustedProxies.loopbackOnly();
        assertThat(loopback.trusts("127.0.0.1")).isTrue();
        assertThat(loopback.trusts("127.1.2.3")).isTrue();
        assertThat(loopback.trusts("::1")).isTrue();
        assertThat(loopback.trusts("::ffff:127.0.0.1")).isTrue();
        assertThat(loopback.trusts("10.0.0.1")).isFalse();
        assertThat(loopback.trusts("::2")).isFalse();
    }

    @Test
    void noneTrustsNobody() {
        assertThat(TrustedProxies.none().trusts("127.0.0.1")).isFalse();
    }

    @Test
    void zeroPrefixTrustsTheWholeFamily() {
        TrustedProxies all4 = TrustedProxies.parse("0.0.0.0/0");
        assertThat(all4.trusts("203.0.113.9")).isTrue();
        assertThat(all4.trusts("2001:db8::1")).isFalse();
    }

    @Test
    void ipv4MappedRangeCountsTheMappingBits() {
        TrustedProxies mapped = TrustedProxies.parse("::ffff:10.0.0.0/104");
        assertThat(mapped.trusts("10.9.9.9")).isTrue();
        assertThat(mapped.trusts("11.0.0.1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "localhost", "proxy.internal", "10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/08",
            "10.0.0.1/8", "fd00::1/8", "1.2.3", "256.0.0.1", "01.2.3.4", "10.0.0.0/8,", "10.0.0.1,,::1",
            "fe80::1%eth0", "[::1]", "::ffff:10.0.0.0/8", "*", "10.0.0.0/8 ; 127.0.0.1"})
    void refusesBadEntriesWithAClearMessage(String list) {
        assertThatThrownBy(() -> TrustedProxies.parse(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEHOUSE_TRUSTED_PROXIES");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void refusesAnEmptyList(String list) {
        assertThatThrownBy(() -> TrustedProxies.parse(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unset for loopback only");
    }

    @Test
    void namesTheOffendingEntry() {
        assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1, proxy.internal"))
                .hasMessageContaining("'proxy.internal'")
                .hasMessageContaining("host names are not accepted");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1/8"))
                .hasMessageContaining("write the network address");
    }

    @Test
    void describesItself() {
        assertThat(TrustedProxies.parse("10.0.0.0/8, ::1")).hasToString("TrustedProxies[10.0.0.0/8, ::1]");
    }
}
