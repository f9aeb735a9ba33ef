package dev.gatehouse.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathNormaliserTest {
    /** Marks an input that must be refused. */
    private static final String INVALID = "<invalid>";

    static Stream<Arguments> table() {
        return Stream.of(
                // plain and trailing slashes
                Arguments.of("/", "/"),
                Arguments.of("/admin", "/admin"),
                Arguments.of("/admin/", "/admin"),
                Arguments.of("/admin/users/", "/admin/users"),
                // dot segments
                Arguments.of("/admin/../admin", "/admin"),
                Arguments.of("/public/../admin", "/admin"),
                Arguments.of("/./admin", "/admin"),
                Arguments.of("/public/./../admin/.", "/admin"),
                Arguments.of("/a/b/../../admin", "/admin"),
                Arguments.of("/...", "/..."),
                Arguments.of("/..a/b", "/..a/b"),
                Arguments.of("/..", INVALID),
                Arguments.of("/../admin", INVALID),
                Arguments.of("/a/b/../../..", INVALID),
                Arguments.of("/a/../../admin", INVALID),
                // encoded dots
                Arguments.of("/%2e%2e/admin", INVALID),
                Arguments.of("/public/%2e%2e/admin", "/admin"),
                Arguments.of("/public/%2E%2e/admin", "/admin"),
                Arguments.of("/public/.%2e/admin", "/admin"),
                Arguments.of("/public/%2e./admin", "/admin"),
                Arguments.of("/%2e/admin", "/admin"),
                Arguments.of("/%2e%2e%2e", "/..."),
                Arguments.of("/public/%C0%AE%C0%AE/admin", INVALID),
                Arguments.of("/%C0%AE", INVALID),
                // repeated slashes
                Arguments.of("//admin", "/admin"),
                Arguments.of("///admin//users///", "/admin/users"),
                // case
                Arguments.of("/ADMIN", "/admin"),
                Arguments.of("/AdMiN/Users", "/admin/users"),
                Arguments.of("/%41dmin", "/admin"),
                Arguments.of("/adm%C4%B1n", "/admin"),
                Arguments.of("/ADM\u0131N", "/admin"),
                Arguments.of("/\u212Aiosk", "/kiosk"),
                // ; parameters
                Arguments.of("/Admin;x=1", "/admin"),
                Arguments.of("/admin;jsessionid=x/users", "/admin/users"),
                Arguments.of("/admin;/", "/admin"),
                Arguments.of("/;x/admin", "/admin"),
                Arguments.of("/public/..;/admin", "/admin"),
                Arguments.of("/public/.;x/admin", "/public/admin"),
                Arguments.of("/..;/admin", INVALID),
                Arguments.of("/admin%3bx/users", INVALID),
                // query and fragment
                Arguments.of("/admin?x=/public", "/admin"),
                Arguments.of("/admin#frag", "/admin"),
                Arguments.of("/public?/../admin", "/public"),
                Arguments.of("/admin#/../../public", "/admin"),
                Arguments.of("/admin%3f/x", INVALID),
                Arguments.of("/admin%23/x", INVALID),
                // encoded separators and double encoding
                Arguments.of("/admin%2fusers", INVALID),
                Arguments.of("/admin%2Fusers", INVALID),
                Arguments.of("/public%5c..%5cadmin", INVALID),
                Arguments.of("/admin%252fusers", INVALID),
                Arguments.of("/%252e%252e/admin", INVALID),
                Arguments.of("/admin%25", INVALID),
                // backslash and control characters
                Arguments.of("/public\\..\\admin", INVALID),
                Arguments.of("/a/%00", INVALID),
                Arguments.of("/admin\u0000", INVALID),
                Arguments.of("/admin%0d%0aX-Auth-User:%20root", INVALID),
                Arguments.of("/admin\t", INVALID),
                Arguments.of("/admin%7f", INVALID),
                Arguments.of("/admin%C2%85", INVALID),
                // malformed escapes and UTF-8
                Arguments.of("/admin%", INVALID),
                Arguments.of("/admin%2", INVALID),
                Arguments.of("/admin%zz", INVALID),
                Arguments.of("/admin%\uFF11\uFF11", INVALID),
                Arguments.of("/caf%C3", INVALID),
                Arguments.of("/%FF", INVALID),
                Arguments.of("/%ED%A0%80", INVALID),
                Arguments.of("/bad\uD800", INVALID),
                // unicode that is fine
                Arguments.of("/caf%C3%A9", "/caf\u00e9"),
                Arguments.of("/CAF%C3%89", "/caf\u00e9"),
                Arguments.of("/caf\u00e9", "/caf\u00e9"),
                Arguments.of("/%F0%9F%94%91/x", "/\uD83D\uDD11/x"),
                Arguments.of("/a%20b", "/a b"),
                // not a path
                Arguments.of("", INVALID),
                Arguments.of("admin", INVALID),
                Arguments.of("?x", INVALID),
                Arguments.of("http://host/admin", INVALID),
                Arguments.of("/" + "a".repeat(PathNormaliser.MAX_LENGTH), INVALID),
                Arguments.of("/" + "a".repeat(PathNormaliser.MAX_LENGTH - 1), "/" + "a".repeat(PathNormaliser.MAX_LENGTH - 1)),
                Arguments.of("/a?" + "q".repeat(10_000), "/a"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("table")
    void normalisesOrRefuses(String raw, String expected) {
        NormalisedPath result = PathNormaliser.normalise(raw);
        if (expected.equals(INVALID)) {
            assertThat(result).isInstanceOf(NormalisedPath.Invalid.class);
            assertThat(((NormalisedPath.Invalid) result).reason()).isNotBlank();
        } else {
            assertThat(result).isEqualTo(new NormalisedPath.Ok(expected));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void normalisingTwiceChangesNothing(String raw, String ignored) {
        if (PathNormaliser.normalise(raw) instanceof NormalisedPath.Ok(String once)) {
            assertThat(PathNormaliser.normalise(once)).isEqualTo(new NormalisedPath.Ok(once));
        }
    }

    @Test
    void tableIsLargeEnough() {
        assertThat(table().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void nullIsInvalidNotAnException() {
        assertThat(PathNormaliser.normalise(null)).isInstanceOf(NormalisedPath.Invalid.class);
    }

    @Test
    void aPrefixRuleCannotBeSkippedBySpelling() {
        PathPattern admin = new PathPattern.Prefix("/admin");
        Stream.of("/ADMIN/x", "//admin", "/public/%2e%2e/admin", "/public/..;/admin", "/admin;x/y", "/./admin/")
                .map(PathNormaliser::normalise)
                .forEach(p -> assertThat(admin.matches(((NormalisedPath.Ok) p).path())).as(p.toString()).isTrue());
    }
}
