package dev.gatehouse.middleware;

import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.PageRedirects;
import dev.gatehouse.core.access.PathPattern;
import dev.gatehouse.core.access.Policy;
import dev.gatehouse.core.problem.ProblemCode;
import dev.gatehouse.core.user.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How the guard reads a request before judging it: the path, the framework's reading of it, method overrides. */
class GuardReadingTest {
    /** Everything open but DELETE on /items, which is for admins. */
    private static final AccessRules RULES = new AccessRules(List.of(
            new AccessRule("delete items", Optional.empty(), new PathPattern.Prefix("/items"), Set.of("DELETE"),
                    new Policy.Roles(Set.of(Role.ADMIN)), PageRedirects.none())),
            new Policy.Public(), PageRedirects.none());

    /** No key is known: every caller here is a stranger. */
    private static GatehouseGuard guard(boolean formMethodOverrides) {
        return GatehouseGuard.builder("https://auth.example", kid -> Optional.empty()).rules(RULES).formMethodOverrides(formMethodOverrides).build();
    }

    private record Request(Map<String, String> headers, Map<String, String> query, Map<String, String> form) implements RequestView {
        @Override
        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        @Override
        public Optional<String> cookie(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> queryParam(String name) {
            return Optional.ofNullable(query.get(name));
        }

        @Override
        public Optional<String> formParam(String name) {
            return Optional.ofNullable(form.get(name));
        }
    }

    private static final Request PLAIN = new Request(Map.of(), Map.of(), Map.of());
    private static final Request FORM_DELETE = new Request(Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"),
            Map.of(), Map.of("_method", "delete"));

    @Test
    void aRequestIsJudgedUnderTheMethodItsOverrideNames() {
        GatehouseGuard guard = guard(true);
        assertThat(guard.check(PLAIN, GuardedRequest.of("POST", "h", "/items/1"))).isInstanceOf(GuardOutcome.Proceed.class);
        assertThat(guard.check(FORM_DELETE, GuardedRequest.of("POST", "h", "/items/1"))).isInstanceOf(GuardOutcome.Unauthorized.class);
        // A multipart form's fields are parameters too, to Spring's filter behind a container that parses them.
        assertThat(guard.check(new Request(Map.of("Content-Type", " Multipart/Form-Data; boundary=b"), Map.of(), Map.of("_method", "DELETE")),
                GuardedRequest.of("POST", "h", "/items/1"))).isInstanceOf(GuardOutcome.Unauthorized.class);
        assertThat(guard.check(new Request(Map.of(), Map.of("_method", "DELETE"), Map.of()), GuardedRequest.of("POST", "h", "/items/1?_method=DELETE")))
                .isInstanceOf(GuardOutcome.Unauthorized.class);
        for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
            assertThat(guard.check(new Request(Map.of(header, " Delete "), Map.of(), Map.of()), GuardedRequest.of("GET", "h", "/items/1")))
                    .as(header).isInstanceOf(GuardOutcome.Unauthorized.class);
        }
    }

    @Test
    void aFormIsReadOnlyWhenItIsAFormPost() {
        GatehouseGuard guard = guard(true);
        Request notAForm = new Request(Map.of("Content-Type", "application/json"), Map.of(), Map.of("_method", "DELETE"));
        assertThat(guard.check(notAForm, GuardedRequest.of("POST", "h", "/items/1"))).isInstanceOf(GuardOutcome.Proceed.class);
        assertThat(guard.check(FORM_DELETE, GuardedRequest.of("PUT", "h", "/items/1"))).isInstanceOf(GuardOutcome.Proceed.class);
    }

    @Test
    void withoutFormOverridesTheBodyIsLeftAloneButTheQueryAndHeadersAreNot() {
        GatehouseGuard guard = guard(false);
        assertThat(guard.check(FORM_DELETE, GuardedRequest.of("POST", "h", "/items/1"))).isInstanceOf(GuardOutcome.Proceed.class);
        assertThat(guard.check(new Request(Map.of(), Map.of("_method", "DELETE"), Map.of()), GuardedRequest.of("POST", "h", "/items/1?_method=DELETE")))
                .isInstanceOf(GuardOutcome.Unauthorized.class);
        assertThat(guard.check(new Request(Map.of("X-HTTP-Method-Override", "DELETE"), Map.of(), Map.of()), GuardedRequest.of("POST", "h", "/items/1")))
                .isInstanceOf(GuardOutcome.Unauthorized.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE, GET", "", "DEL ETE", "DELETE\u0000", "GET;DELETE", "D\u00c9LETE"})
    void anOverrideThatIsNotAMethodIsRefused(String value) {
        GatehouseGuard guard = guard(true);
        assertThat(guard.check(new Request(Map.of("X-HTTP-Method-Override", value), Map.of(), Map.of()), GuardedRequest.of("GET", "h", "/x")))
                .isEqualTo(new GuardOutcome.BadRequest(ProblemCode.BAD_METHOD_OVERRIDE, "method override that is not a method"));
    }

    @Test
    void aPathTheFrameworkReadsOtherwiseIsRefused() {
        GatehouseGuard guard = guard(true);
        assertThat(guard.check(PLAIN, new GuardedRequest("GET", "h", "", "/public/x", Optional.of("/public/x")))).isInstanceOf(GuardOutcome.Proceed.class);
        assertThat(guard.check(PLAIN, new GuardedRequest("GET", "h", "", "/public/x/", Optional.of("/public/x")))).isInstanceOf(GuardOutcome.Proceed.class);
        assertThat(guard.check(PLAIN, new GuardedRequest("GET", "h", "", "/caf%C3%A9", Optional.of("/caf\u00e9")))).isInstanceOf(GuardOutcome.Proceed.class);
        // A container decoding with another charset, or resolving a spelling the guard took literally.
        assertThat(guard.check(PLAIN, new GuardedRequest("GET", "h", "", "/caf%C3%A9", Optional.of("/caf\u00c3\u00a9"))))
                .isInstanceOf(GuardOutcome.BadRequest.class);
        assertThat(guard.check(PLAIN, new GuardedRequest("GET", "h", "", "/items/x", Optional.of("/items"))))
                .isInstanceOf(GuardOutcome.BadRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/items/../x", "/x/%2e%2e/items", "/items;x=1", "//items", "/%69tems", "/items%2fx", "*", "http://h/items"})
    void anAmbiguousPathIsABadRequestWhoeverAsks(String path) {
        assertThat(guard(true).check(PLAIN, GuardedRequest.of("GET", "h", path))).isInstanceOfSatisfying(GuardOutcome.BadRequest.class,
                bad -> assertThat(bad.code()).isEqualTo(ProblemCode.BAD_PATH));
    }

    @Test
    void aRequestIsPlacedInItsAppOnlyWhenItsUriBeginsWithTheWholeContextPath() {
        assertThat(GuardedRequest.inContext("GET", "h", "/app", "/app/admin/x", "a=1", Optional.empty()))
                .contains(new GuardedRequest("GET", "h", "/app", "/admin/x?a=1", Optional.empty()));
        assertThat(GuardedRequest.inContext("GET", "h", "/app", "/app", null, Optional.empty()))
                .contains(new GuardedRequest("GET", "h", "/app", "/", Optional.empty()));
        assertThat(GuardedRequest.inContext("GET", "h", "/", "/admin", null, Optional.empty()))
                .contains(new GuardedRequest("GET", "h", "", "/admin", Optional.empty()));
        // A container that matched the context by case, by escapes or by prefix alone.
        for (String uri : List.of("/APP/admin/x", "/%61pp/admin/x", "/application/admin/x", "/ap", "/admin/x")) {
            assertThat(GuardedRequest.inContext("GET", "h", "/app", uri, null, Optional.empty())).as(uri).isEmpty();
        }
    }

    @Test
    void aSignedOutBrowserIsSentToSignInAndBackToThePageItAskedForInItsApp() {
        GatehouseGuard guard = GatehouseGuard.builder("https://auth.example", kid -> Optional.empty()).rules(AccessRules.authenticatedByDefault())
                .loginUrl("https://auth.example/login").build();
        Request browser = new Request(Map.of("Accept", "text/html"), Map.of(), Map.of());
        assertThat(guard.check(browser, new GuardedRequest("GET", "h", "/app", "/orders/7?tab=a%20b", Optional.empty())))
                .isEqualTo(new GuardOutcome.Redirect("https://auth.example/login?return_to=%2Fapp%2Forders%2F7%3Ftab%3Da%2520b"));
        assertThat(guard.check(browser, GuardedRequest.of("GET", "h", "/orders/7")))
                .isEqualTo(new GuardOutcome.Redirect("https://auth.example/login?return_to=%2Forders%2F7"));
    }
}
