package dev.gatehouse.core.access;

import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AccessEngineTest {
    private static final User ADA = user(Role.COMMON);
    private static final User ROOT = user(Role.ADMIN);

    /** A single-page app: assets public, login page sends signed-in browsers on, app pages and unknown pages need sign-in. */
    private static final AccessRules SPA = new AccessRules(List.of(
            rule("assets", new PathPattern.Prefix("/assets"), new Policy.Public(), PageRedirects.none()),
            rule("login page", regex("^/login\\.html$"), new Policy.Public(), new PageRedirects(Optional.of("/index.html"), Optional.empty())),
            rule("admin", new PathPattern.Prefix("/admin"), new Policy.Roles(Set.of(Role.ADMIN)), PageRedirects.none()),
            rule("internal", new PathPattern.Prefix("/internal"), new Policy.Deny(), PageRedirects.none()),
            rule("app page", regex("^/index\\.html$"), new Policy.Authenticated(), new PageRedirects(Optional.empty(), Optional.of("/login.html")))),
            new Policy.Authenticated(), new PageRedirects(Optional.empty(), Optional.of("/login.html")));

    private static User user(Role role) {
        return new User(UUID.randomUUID(), Optional.of(role.wireName() + "@example.com"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), role, "hash", Instant.EPOCH, Instant.EPOCH);
    }

    private static PathPattern regex(String regex) {
        return new PathPattern.Regex(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    private static AccessRule rule(String name, PathPattern path, Policy policy, PageRedirects pages) {
        return new AccessRule(name, Optional.empty(), path, Set.of(), policy, pages);
    }

    private static AccessDecision decide(AccessRules rules, String path, Optional<User> caller) {
        return AccessEngine.decide(rules, new AccessRequest("GET", "app.example.com", path), caller);
    }

    @Test
    void publicPathsNeedNobody() {
        assertThat(decide(SPA, "/assets/app.js", Optional.empty())).isEqualTo(new AccessDecision.Allow(Optional.empty()));
        assertThat(decide(SPA, "/assets/app.js", Optional.of(ADA))).isEqualTo(new AccessDecision.Allow(Optional.of(ADA)));
    }

    @Test
    void singlePageAppRouting() {
        assertThat(decide(SPA, "/login.html", Optional.of(ADA))).isEqualTo(new AccessDecision.SendSignedIn("/index.html", ADA));
        assertThat(decide(SPA, "/login.html", Optional.empty())).isEqualTo(new AccessDecision.Allow(Optional.empty()));
        assertThat(decide(SPA, "/index.html", Optional.empty())).isEqualTo(new AccessDecision.SignInRequired(Optional.of("/login.html")));
        assertThat(decide(SPA, "/unknown/page", Optional.empty())).isEqualTo(new AccessDecision.SignInRequired(Optional.of("/login.html")));
        assertThat(decide(SPA, "/index.html", Optional.of(ADA))).isEqualTo(new AccessDecision.Allow(Optional.of(ADA)));
    }

    @Test
    void rolesAndDeny() {
        assertThat(decide(SPA, "/admin/users", Optional.of(ADA))).isEqualTo(new AccessDecision.Forbidden(Optional.of(ADA)));
        assertThat(decide(SPA, "/admin/users", Optional.of(ROOT))).isEqualTo(new AccessDecision.Allow(Optional.of(ROOT)));
        assertThat(decide(SPA, "/admin", Optional.empty())).isInstanceOf(AccessDecision.SignInRequired.class);
        assertThat(decide(SPA, "/internal/metrics", Optional.of(ROOT))).isEqualTo(new AccessDecision.Forbidden(Optional.of(ROOT)));
        assertThat(decide(SPA, "/internal/metrics", Optional.empty())).isEqualTo(new AccessDecision.Forbidden(Optional.empty()));
        assertThat(decide(SPA, "/administrator", Optional.of(ADA))).as("prefixes end at segment boundaries")
                .isEqualTo(new AccessDecision.Allow(Optional.of(ADA)));
    }

    @Test
    void theFirstMatchingRuleWins() {
        AccessRules rules = new AccessRules(List.of(
                rule("open docs", new PathPattern.Prefix("/admin/docs"), new Policy.Public(), PageRedirects.none()),
                rule("admin", new PathPattern.Prefix("/admin"), new Policy.Roles(Set.of(Role.ADMIN)), PageRedirects.none())),
                new Policy.Deny(), PageRedirects.none());
        assertThat(decide(rules, "/admin/docs/intro", Optional.empty())).isEqualTo(new AccessDecision.Allow(Optional.empty()));
        assertThat(decide(rules, "/admin/settings", Optional.of(ADA))).isInstanceOf(AccessDecision.Forbidden.class);
        assertThat(decide(rules, "/elsewhere", Optional.of(ROOT))).as("the default applies when nothing matches")
                .isEqualTo(new AccessDecision.Forbidden(Optional.of(ROOT)));
    }

    /** A GET-only public rule opens no other method; a rule naming GET also guards HEAD, which apps answer with the GET handler. */
    @Test
    void aMethodListNamesExactlyTheMethodsItCoversAndGetCoversHead() {
        AccessRules rules = new AccessRules(List.of(
                new AccessRule("admin reads denied", Optional.empty(), new PathPattern.Prefix("/admin"), Set.of("GET"), new Policy.Deny(),
                        PageRedirects.none()),
                new AccessRule("public reads", Optional.empty(), new PathPattern.Prefix("/public"), Set.of("GET"), new Policy.Public(),
                        PageRedirects.none())),
                new Policy.Authenticated(), PageRedirects.none());
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO")) {
            assertThat(AccessEngine.decide(rules, new AccessRequest(method, "app.example.com", "/public/x"), Optional.empty()))
                    .as(method).isInstanceOf(AccessDecision.SignInRequired.class);
        }
        assertThat(AccessEngine.decide(rules, new AccessRequest("HEAD", "app.example.com", "/public/x"), Optional.empty()))
                .isEqualTo(new AccessDecision.Allow(Optional.empty()));
        assertThat(AccessEngine.decide(rules, new AccessRequest("HEAD", "app.example.com", "/admin/x"), Optional.of(ROOT)))
                .isInstanceOf(AccessDecision.Forbidden.class);
    }

    @Test
    void methodsAndHostsNarrowARule() {
        AccessRules rules = new AccessRules(List.of(
                new AccessRule("read-only api", Optional.of(Pattern.compile("^api\\.example\\.com$")), new PathPattern.Prefix("/data"),
                        Set.of("get", "HEAD"), new Policy.Public(), PageRedirects.none())),
                new Policy.Authenticated(), PageRedirects.none());
        assertThat(AccessEngine.decide(rules, new AccessRequest("GET", "API.example.com:8443", "/data/x"), Optional.empty()))
                .isEqualTo(new AccessDecision.Allow(Optional.empty()));
        assertThat(AccessEngine.decide(rules, new AccessRequest("POST", "api.example.com", "/data/x"), Optional.empty()))
                .isInstanceOf(AccessDecision.SignInRequired.class);
        assertThat(AccessEngine.decide(rules, new AccessRequest("GET", "other.example.com", "/data/x"), Optional.empty()))
                .isInstanceOf(AccessDecision.SignInRequired.class);
        assertThat(AccessEngine.decide(rules, new AccessRequest("GET", "api.example.com.", "/data/x"), Optional.empty()))
                .as("a trailing dot names the same host").isEqualTo(new AccessDecision.Allow(Optional.empty()));
    }

    /** Every spelling of an admin path is judged as the admin path, or refused. */
    @ParameterizedTest
    @ValueSource(strings = {"/ADMIN/users", "/assets/../admin/users", "/assets/%2e%2e/admin/users", "//admin/users", "/./admin/users",
            "/admin;jsessionid=1/users", "/assets/..;/admin/users", "/Admin/Users?x=/assets/"})
    void aRuleCannotBeSkippedBySpellingThePathDifferently(String path) {
        AccessDecision decision = decide(SPA, path, Optional.of(ADA));
        assertThat(decision).isInstanceOfAny(AccessDecision.Forbidden.class, AccessDecision.BadPath.class);
    }

    /**
     * Rails routes {@code /admin.json} to the {@code /admin} action (its optional {@code (.:format)}),
     * as Spring did with suffix pattern matching: the prefix's rule judges it, and a dotted name
     * further down or a longer name stays outside.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/admin.json", "/ADMIN.html", "/admin.xml/", "/adm%C4%B1n.json"})
    void aFormatSuffixOnAPrefixFallsUnderItsRule(String path) {
        assertThat(decide(SPA, path, Optional.of(ADA))).isEqualTo(new AccessDecision.Forbidden(Optional.of(ADA)));
        assertThat(decide(SPA, path, Optional.of(ROOT))).isEqualTo(new AccessDecision.Allow(Optional.of(ROOT)));
    }

    @Test
    void aFormatSuffixDoesNotWidenAPrefixBeyondItsLastSegment() {
        User common = user(Role.COMMON);
        assertThat(decide(SPA, "/administrator.json", Optional.of(common))).isInstanceOf(AccessDecision.Allow.class);
        assertThat(decide(SPA, "/admin.d/x", Optional.of(common))).isInstanceOf(AccessDecision.Allow.class);
        assertThat(decide(SPA, "/internal.json", Optional.of(common))).isInstanceOf(AccessDecision.Forbidden.class);
    }

    /**
     * The format reading only ever makes an answer stricter: a public prefix does not open its
     * dotted name where that is protected, and a public dotted file whose bare name no prefix rule
     * names (an SPA's {@code /login.html}) is judged as written.
     */
    @Test
    void aFormatSuffixNeverOpensWhatThePathAsWrittenProtects() {
        AccessRules rules = new AccessRules(List.of(rule("public", new PathPattern.Prefix("/public"), new Policy.Public(), PageRedirects.none())),
                new Policy.Authenticated(), PageRedirects.none());
        assertThat(decide(rules, "/public.json", Optional.empty())).isInstanceOf(AccessDecision.SignInRequired.class);
        assertThat(decide(rules, "/public/app.js", Optional.empty())).isInstanceOf(AccessDecision.Allow.class);
        assertThat(decide(SPA, "/login.html", Optional.empty())).isInstanceOf(AccessDecision.Allow.class);
        assertThat(decide(SPA, "/assets/app.js", Optional.empty())).isInstanceOf(AccessDecision.Allow.class);
    }

    @Test
    void capitalsNeverWidenAPublicRule() {
        AccessRules rules = new AccessRules(List.of(
                rule("readme", new PathPattern.Prefix("/files/readme.txt"), new Policy.Public(), PageRedirects.none()),
                rule("public", new PathPattern.Prefix("/public"), new Policy.Public(), PageRedirects.none()),
                rule("docs", regex("^/docs/[a-z]+$"), new Policy.Public(), PageRedirects.none()),
                rule("Report", new PathPattern.Prefix("/Reports/Q1"), new Policy.Public(), PageRedirects.none())),
                new Policy.Authenticated(), PageRedirects.none());
        assertThat(decide(rules, "/files/readme.txt", Optional.empty())).isInstanceOf(AccessDecision.Allow.class);
        assertThat(decide(rules, "/public/x", Optional.empty())).isInstanceOf(AccessDecision.Allow.class);
        assertThat(decide(rules, "/docs/intro", Optional.empty())).isInstanceOf(AccessDecision.Allow.class);
        // A case-sensitive app serves these from other handlers than the public ones.
        for (String path : List.of("/files/README.TXT", "/PUBLIC/x", "/Public/x", "/publ%C4%B1c/x", "/%C5%BFublic/x", "/docs/Intro")) {
            assertThat(decide(rules, path, Optional.empty())).as(path).isInstanceOf(AccessDecision.SignInRequired.class);
            assertThat(decide(rules, path, Optional.of(ADA))).as(path).isInstanceOf(AccessDecision.Allow.class);
        }
        // A rule written with capitals opens what it names, as written.
        assertThat(decide(rules, "/Reports/Q1", Optional.empty())).isInstanceOf(AccessDecision.Allow.class);
        assertThat(decide(rules, "/reports/q1", Optional.empty())).isInstanceOf(AccessDecision.SignInRequired.class);
    }

    @Test
    void capitalsStillFallUnderAProtectingRule() {
        for (String path : List.of("/ADMIN", "/Admin/x", "/adm%C4%B1n/x", "/ADMIN.json")) {
            assertThat(decide(SPA, path, Optional.of(ADA))).as(path).isInstanceOf(AccessDecision.Forbidden.class);
            assertThat(decide(SPA, path, Optional.of(ROOT))).as(path).isInstanceOf(AccessDecision.Allow.class);
        }
    }

    @Test
    void unreadablePathsAreRefused() {
        assertThat(decide(SPA, "/assets/%2fadmin", Optional.empty())).isInstanceOf(AccessDecision.BadPath.class);
        assertThat(decide(SPA, "/assets/%zz", Optional.empty())).isInstanceOf(AccessDecision.BadPath.class);
    }

    @Test
    void withoutARulesFileEverythingNeedsSignIn() {
        AccessRules rules = AccessRules.authenticatedByDefault();
        assertThat(decide(rules, "/anything", Optional.empty())).isEqualTo(new AccessDecision.SignInRequired(Optional.empty()));
        assertThat(decide(rules, "/anything", Optional.of(ADA))).isEqualTo(new AccessDecision.Allow(Optional.of(ADA)));
    }
}
