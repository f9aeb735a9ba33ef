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
                Arguments.of("/...", "/..."),
                Arguments.of("/..a/b", "/..a/b"),
                Arguments.of("/a.b/.c/d.", "/a.b/.c/d."),
                // dot segments: refused, never resolved (the app may route the raw target)
                Arguments.of("/admin/../admin", INVALID),
                Arguments.of("/admin/../public/x", INVALID),
                Arguments.of("/public/../admin", INVALID),
                Arguments.of("/./admin", INVALID),
                Arguments.of("/admin/.", INVALID),
                Arguments.of("/admin/./", INVALID),
                Arguments.of("/admin/..", INVALID),
                Arguments.of("/admin/x/../../public", INVALID),
                Arguments.of("/admin/./../public", INVALID),
                Arguments.of("/..", INVALID),
                Arguments.of("/../admin", INVALID),
                // encoded dots, any case or mix
                Arguments.of("/admin/%2e%2e/public", INVALID),
                Arguments.of("/admin/%2E%2E/public", INVALID),
                Arguments.of("/admin/%2E%2e/public", INVALID),
                Arguments.of("/admin/.%2e/public", INVALID),
                Arguments.of("/admin/%2e./public", INVALID),
                Arguments.of("/admin/.%2E/public", INVALID),
                Arguments.of("/admin/%2e/public", INVALID),
                Arguments.of("/%2e/admin", INVALID),
                Arguments.of("/%2e%2e%2e", INVALID),
                Arguments.of("/public/%C0%AE%C0%AE/admin", INVALID),
                Arguments.of("/%C0%AE", INVALID),
                Arguments.of("/%252e%252e/admin", INVALID),
                // empty segments
                Arguments.of("//admin", INVALID),
                Arguments.of("//public/admin", INVALID),
                Arguments.of("/public//admin", INVALID),
                Arguments.of("//..", INVALID),
                Arguments.of("/admin//", INVALID),
                // case and escapes of plain characters
                Arguments.of("/ADMIN", "/admin"),
                Arguments.of("/AdMiN/Users", "/admin/users"),
                Arguments.of("/adm%C4%B1n", "/admin"),
                Arguments.of("/%E2%84%AAiosk", "/kiosk"),
                Arguments.of("/caf%C3%A9/menu", "/caf\u00e9/menu"),
                Arguments.of("/a%20b/%40x", "/a b/@x"),
                // escapes of characters no client escapes: raw and decoding routers disagree
                Arguments.of("/%41dmin", INVALID),
                Arguments.of("/%61dmin", INVALID),
                Arguments.of("/%61%64%6D%69%6E/", INVALID),
                Arguments.of("/files/%72eadme.txt", INVALID),
                Arguments.of("/files/readme%2Etxt", INVALID),
                Arguments.of("/%7Euser", INVALID),
                Arguments.of("/a%2Db/x%5F1/%30", INVALID),
                // ; anywhere
                Arguments.of("/Admin;x=1", INVALID),
                Arguments.of("/admin;jsessionid=x/users", INVALID),
                Arguments.of("/admin;/", INVALID),
                Arguments.of("/;x/admin", INVALID),
                Arguments.of("/admin/..;/public", INVALID),
                Arguments.of("/public/.;x/admin", INVALID),
                Arguments.of("/admin%3bx/users", INVALID),
                Arguments.of("/admin%3Bx/users", INVALID),
                // query and fragment
                Arguments.of("/admin?x=/public", "/admin"),
                Arguments.of("/public?/../admin", "/public"),
                Arguments.of("/admin?", "/admin"),
                Arguments.of("/admin#frag", INVALID),
                Arguments.of("/public/x#/../../admin", INVALID),
                Arguments.of("/admin%3f/x", INVALID),
                Arguments.of("/admin%23/x", INVALID),
                // encoded separators and double encoding
                Arguments.of("/admin%2fusers", INVALID),
                Arguments.of("/admin%2Fusers", INVALID),
                Arguments.of("/public/..%2fadmin", INVALID),
                Arguments.of("/public%5c..%5cadmin", INVALID),
                Arguments.of("/public%5C..%5Cadmin", INVALID),
                Arguments.of("/admin%252fusers", INVALID),
                Arguments.of("/admin%25", INVALID),
                // backslash, raw characters outside printable ASCII, control characters
                Arguments.of("/public\\..\\admin", INVALID),
                Arguments.of("/admin\\", INVALID),
                Arguments.of("/a/%00", INVALID),
                Arguments.of("/admin\u0000", INVALID),
                Arguments.of("/admin%0d%0aX-Auth-User:%20root", INVALID),
                Arguments.of("/admin\t", INVALID),
                Arguments.of("/admin x", INVALID),
                Arguments.of("/admin\u007f", INVALID),
                Arguments.of("/admin%7f", INVALID),
                Arguments.of("/admin%C2%85", INVALID),
                Arguments.of("/caf\u00e9", INVALID),
                Arguments.of("/ADM\u0131N", INVALID),
                Arguments.of("/bad\uD800", INVALID),
                // malformed and overlong escapes, invalid UTF-8
                Arguments.of("/admin%", INVALID),
                Arguments.of("/admin%2", INVALID),
                Arguments.of("/admin%zz", INVALID),
                Arguments.of("/admin%u002e", INVALID),
                Arguments.of("/admin%\uFF11\uFF11", INVALID),
                Arguments.of("/caf%C3", INVALID),
                Arguments.of("/%FF", INVALID),
                Arguments.of("/%ED%A0%80", INVALID),
                Arguments.of("/%E0%80%AE", INVALID),
                Arguments.of("/%C1%81dmin", INVALID),
                // unicode that is fine
                Arguments.of("/caf%C3%A9", "/caf\u00e9"),
                Arguments.of("/CAF%C3%89", "/caf\u00e9"),
                Arguments.of("/%F0%9F%94%91/x", "/\uD83D\uDD11/x"),
                Arguments.of("/a%20b", "/a b"),
                // not a path
                Arguments.of("", INVALID),
                Arguments.of("admin", INVALID),
                Arguments.of("?x", INVALID),
                Arguments.of("*", INVALID),
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
            assertThat(result).isInstanceOfSatisfying(NormalisedPath.Ok.class, ok -> assertThat(ok.path()).isEqualTo(expected));
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

    /** Whatever Express, Flask, Spring, Rails, Go or PHP could route to /admin is judged as /admin. */
    @Test
    void aPrefixRuleCannotBeSkippedBySpelling() {
        PathPattern admin = new PathPattern.Prefix("/admin");
        Stream.of("/ADMIN/x", "/admin/", "/Admin/x/", "/adm%C4%B1n")
                .map(PathNormaliser::normalise)
                .forEach(p -> assertThat(admin.matches(((NormalisedPath.Ok) p).path())).as(p.toString()).isTrue());
    }
}
