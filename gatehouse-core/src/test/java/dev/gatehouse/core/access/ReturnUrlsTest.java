package dev.gatehouse.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnUrlsTest {
    private static final ReturnUrls URLS = ReturnUrls.of(Set.of("example.com", "app.test:8443", "*.corp.test", "b\u00fccher.test"));

    static Stream<Arguments> table() {
        return Stream.of(
                // paths on this site
                Arguments.of("/", true),
                Arguments.of("/dashboard?tab=2#top", true),
                Arguments.of("/a/b/../c", true),
                Arguments.of("//evil.com", false),
                Arguments.of("///evil.com", false),
                Arguments.of("/\\evil.com", false),
                Arguments.of("/\t/evil.com", false),
                Arguments.of("/\n/evil.com", false),
                Arguments.of("dashboard", false),
                Arguments.of("?next=/", false),
                Arguments.of("", false),
                // allowed hosts
                Arguments.of("https://example.com", true),
                Arguments.of("https://example.com/x?y=1", true),
                Arguments.of("http://example.com/", true),
                Arguments.of("HTTPS://EXAMPLE.COM/Path", true),
                Arguments.of("https://example.com:443/", true),
                Arguments.of("http://example.com:443/", false),
                Arguments.of("https://example.com:8443/", false),
                Arguments.of("https://app.test:8443/home", true),
                Arguments.of("https://app.test/home", false),
                Arguments.of("https://a.corp.test/", true),
                Arguments.of("https://a.b.corp.test/", true),
                Arguments.of("https://corp.test/", false),
                Arguments.of("https://evilcorp.test/", false),
                Arguments.of("https://xn--bcher-kva.test/", true),
                Arguments.of("https://b\u00fccher.test/", true),
                Arguments.of("https://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com/", true),
                // other hosts and look-alikes
                Arguments.of("https://evil.com/", false),
                Arguments.of("https://evilexample.com/", false),
                Arguments.of("https://example.com.evil.com/", false),
                Arguments.of("https://example.co/", false),
                Arguments.of("https://ex\u0430mple.com/", false),
                Arguments.of("https://example.com\uff0f.evil.com/", false),
                Arguments.of("https://exa%6dple.com/", false),
                Arguments.of("https://example.com./", false),
                Arguments.of("https:///example.com", false),
                Arguments.of("https:example.com", false),
                Arguments.of("https:/example.com", false),
                Arguments.of("https:\\\\example.com", false),
                Arguments.of("https://example.com:/", false),
                Arguments.of("https://example.com:99999/", false),
                Arguments.of("https://[::1]/", false),
                // user info
                Arguments.of("https://example.com@evil.com/", false),
                Arguments.of("https://user:pass@example.com/", false),
                Arguments.of("https://evil.com#@example.com", false),
                Arguments.of("https://evil.com?@example.com", false),
                Arguments.of("https://evil.com\\@example.com", false),
                // other schemes
                Arguments.of("javascript:alert(1)", false),
                Arguments.of("JavaScript://example.com/%0aalert(1)", false),
                Arguments.of("data:text/html,<script>alert(1)</script>", false),
                Arguments.of("ftp://example.com/", false),
                Arguments.of("//example.com/", false),
                // whitespace, control and invisible characters
                Arguments.of(" https://example.com/", false),
                Arguments.of("https://example.com/\r\nSet-Cookie:x=1", false),
                Arguments.of("https://exam\u200bple.com/", false),
                Arguments.of("/path\u0000", false),
                Arguments.of("/\u3000/evil.com", false),
                // length
                Arguments.of("/" + "a".repeat(ReturnUrls.MAX_LENGTH - 1), true),
                Arguments.of("/" + "a".repeat(ReturnUrls.MAX_LENGTH), false));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("table")
    void followsOnlySafeReturnUrls(String url, boolean accepted) {
        if (accepted) {
            assertThat(URLS.accept(url)).contains(url);
        } else {
            assertThat(URLS.accept(url)).isEmpty();
        }
    }

    @Test
    void tableIsLargeEnough() {
        assertThat(table().count()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void nullIsRefused() {
        assertThat(URLS.accept(null)).isEmpty();
    }

    @Test
    void withNoAllowedHostsOnlyPathsPass() {
        ReturnUrls none = ReturnUrls.parse("");
        assertThat(none.accept("/x")).contains("/x");
        assertThat(none.accept("https://example.com/")).isEmpty();
    }

    @Test
    void parsesTheSettingsCommaList() {
        ReturnUrls urls = ReturnUrls.parse(" example.com , localhost:8080,*.Corp.Test ");
        assertThat(urls.accept("https://example.com/")).isPresent();
        assertThat(urls.accept("http://localhost:8080/")).isPresent();
        assertThat(urls.accept("http://localhost/")).isEmpty();
        assertThat(urls.accept("https://x.corp.test/")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "https://example.com", "example.com/path", "user@example.com", "*.", "*", "a.*.com",
            "example.com:0", "example.com:70000", "example.com:", "exa mple.com", "-example.com"})
    void refusesMalformedAllowedHosts(String entry) {
        assertThatThrownBy(() -> ReturnUrls.of(Set.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEHOUSE_ALLOWED_REDIRECT_HOSTS");
    }
}
