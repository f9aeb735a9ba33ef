package dev.gatehouse.bench.jmh;

import dev.gatehouse.core.access.AccessDecision;
import dev.gatehouse.core.access.AccessEngine;
import dev.gatehouse.core.access.AccessRequest;
import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.PageRedirects;
import dev.gatehouse.core.access.PathPattern;
import dev.gatehouse.core.access.Policy;
import dev.gatehouse.core.user.Role;
import dev.gatehouse.core.user.User;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@link AccessEngine#decide} (path normalisation, then first matching rule) over a rules set of
 * the size and shape a real deployment has: 20 rules, prefixes and regexes, a few bound to a
 * host, a few to methods. Each {@code request} lands at a different depth of the list, the last
 * past every rule to the default.
 */
@State(Scope.Benchmark)
public class RulesBenchmark {
    /** Requests that stop at different rules. */
    public enum Request {
        /** Rule 1, a prefix: static assets. */
        FIRST_RULE("GET", "app.example.com", "/assets/css/app.css"),
        /** Rule 11, after 10 that do not apply (several regexes among them). */
        MIDDLE_RULE("GET", "app.example.com", "/api/v1/users/me"),
        /**
         * Rule 17, host-bound, with a port to strip first; capitals in the path, so it is judged
         * twice, folded and as written (past every rule to the default).
         */
        HOST_RULE("POST", "Admin.Example.com:8443", "/Console/Reports/2024-q3/"),
        /** No rule applies: all 20 are tried, then the default. */
        NO_RULE("GET", "app.example.com", "/some/unlisted/page/deep/within/the/app.html?tab=2");

        final AccessRequest request;

        Request(String method, String host, String path) {
            this.request = new AccessRequest(method, host, path);
        }
    }

    @Param
    public Request request;

    private AccessRules rules;
    private Optional<User> caller;

    @Setup
    public void setUp() {
        rules = realisticRules();
        Instant now = Instant.now();
        caller = Optional.of(new User(UUID.randomUUID(), Optional.of("alice@example.com"), Optional.of("alice"),
                Optional.empty(), Optional.empty(), Optional.empty(), Role.ADMIN, "unused", now, now));
    }

    @Benchmark
    public AccessDecision decide() {
        return AccessEngine.decide(rules, request.request, caller);
    }

    /** Twenty rules, the way a rules file for one app, its API and an admin console reads. */
    static AccessRules realisticRules() {
        Policy pub = new Policy.Public();
        Policy auth = new Policy.Authenticated();
        Policy admin = new Policy.Roles(Set.of(Role.ADMIN));
        String adminHost = "^admin\\.example\\.com$";
        List<AccessRule> list = new ArrayList<>();
        list.add(rule("static assets", null, prefix("/assets/"), Set.of(), pub));
        list.add(rule("favicon", null, regex("^/favicon\\.(ico|png|svg)$"), Set.of(), pub));
        list.add(rule("robots", null, regex("^/robots\\.txt$"), Set.of(), pub));
        list.add(rule("login page", null, regex("^/login(\\.html)?$"), Set.of(), pub));
        list.add(rule("signup page", null, regex("^/signup(\\.html)?$"), Set.of(), pub));
        list.add(rule("password reset", null, prefix("/reset-password"), Set.of(), pub));
        list.add(rule("health", null, regex("^/(healthz|readyz|livez)$"), Set.of("GET", "HEAD"), pub));
        list.add(rule("public api docs", null, prefix("/api/docs"), Set.of("GET"), pub));
        list.add(rule("webhooks", null, regex("^/api/v[0-9]+/hooks/[a-z0-9-]+$"), Set.of("POST"), pub));
        list.add(rule("deprecated api", null, regex("^/api/v0(/.*)?$"), Set.of(), new Policy.Deny()));
        list.add(rule("api", null, prefix("/api/v1"), Set.of(), auth));
        list.add(rule("uploads", null, regex("^/files/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}(/.*)?$"), Set.of(), auth));
        list.add(rule("account", null, prefix("/account"), Set.of(), auth));
        list.add(rule("dashboard", null, regex("^/(index\\.html)?$"), Set.of(), auth));
        list.add(rule("reports read", null, regex("^/reports/[0-9]{4}-q[1-4]$"), Set.of("GET"), auth));
        list.add(rule("metrics", null, prefix("/metrics"), Set.of(), admin));
        list.add(rule("admin console", adminHost, prefix("/console"), Set.of(), admin));
        list.add(rule("admin api", adminHost, prefix("/api/admin"), Set.of("GET", "POST", "DELETE"), admin));
        list.add(rule("admin elsewhere", null, prefix("/console"), Set.of(), new Policy.Deny()));
        list.add(rule("internal", "^(internal|intranet)\\.example\\.(com|net)$", prefix("/"), Set.of(), admin));
        return new AccessRules(list, auth, new PageRedirects(Optional.empty(), Optional.of("/login.html")));
    }

    private static AccessRule rule(String name, String hostRegex, PathPattern path, Set<String> methods, Policy policy) {
        Optional<Pattern> host = Optional.ofNullable(hostRegex).map(h -> Pattern.compile(h, Pattern.CASE_INSENSITIVE));
        return new AccessRule(name, host, path, methods, policy, PageRedirects.none());
    }

    private static PathPattern prefix(String prefix) {
        return new PathPattern.Prefix(prefix);
    }

    private static PathPattern regex(String regex) {
        return new PathPattern.Regex(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
}
