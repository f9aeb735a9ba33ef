package dev.gatehouse.middleware.matrix;

import dev.gatehouse.core.access.AccessRule;
import dev.gatehouse.core.access.AccessRules;
import dev.gatehouse.core.access.PageRedirects;
import dev.gatehouse.core.access.PathPattern;
import dev.gatehouse.core.access.Policy;
import dev.gatehouse.core.user.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The same hostile sweep against every integration of the middleware (the Javalin plugin, the
 * Servlet filter on Jetty and Tomcat, a Spring Boot app), each serving the same {@linkplain
 * #RULES rules} and the same app:
 * <ul>
 *   <li>{@code /public/**}, any method: handler {@code public};</li>
 *   <li>{@code /files/readme.txt}: {@code readme}; any other {@code /files/{name}}: {@code files}
 *       (routed case-sensitively, as the framework does);</li>
 *   <li>{@code /admin} and everything under it, any method, through a catch-all that matches
 *       whatever the framework lets reach it (dot segments included): {@code admin};</li>
 *   <li>{@code GET /reports/**}: {@code reports} (HEAD runs it too, as the framework does);</li>
 *   <li>{@code DELETE /items/**}: {@code items-delete}; {@code POST /items/**}: {@code items-post}
 *       (Spring Boot apps also with the hidden-method filter on);</li>
 *   <li>anything else: {@code default};</li>
 *   <li>WebSocket endpoints {@code /admin/ws} and {@code /public/ws}.</li>
 * </ul>
 * Each handler answers 200 with the header {@value #HANDLER_HEADER} naming itself. All of it under
 * the app's context path, when it has one.
 */
public final class HostileMatrix {
    public static final String HANDLER_HEADER = "X-Handler";
    /** The login page every integration's guard is given ({@code GatehouseGuard.Builder#loginUrl}). */
    public static final String LOGIN_URL = "https://auth.example.com/login";

    /** /public and /files/readme.txt open, /admin for admins, GET /reports and DELETE /items for admins, the rest for any signed-in caller. */
    public static final AccessRules RULES = new AccessRules(List.of(
            rule("public", new PathPattern.Prefix("/public"), Set.of(), new Policy.Public()),
            rule("readme", new PathPattern.Prefix("/files/readme.txt"), Set.of(), new Policy.Public()),
            rule("admin", new PathPattern.Prefix("/admin"), Set.of(), new Policy.Roles(Set.of(Role.ADMIN))),
            rule("reports", new PathPattern.Prefix("/reports"), Set.of("GET"), new Policy.Roles(Set.of(Role.ADMIN))),
            rule("delete items", new PathPattern.Prefix("/items"), Set.of("DELETE"), new Policy.Roles(Set.of(Role.ADMIN)))),
            new Policy.Authenticated(), PageRedirects.none());

    /** The handlers each caller may reach. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "anonymous", Set.of("public", "readme"),
            "common", Set.of("public", "readme", "files", "default", "items-post"),
            "admin", Set.of("public", "readme", "files", "default", "items-post", "items-delete", "admin", "reports"));

    private final int port;
    private final String context;
    private final List<Caller> callers;

    /**
     * @param port         the app's port on 127.0.0.1
     * @param contextPath  the app's context path ({@code ""} for none, else {@code /app})
     * @param commonBearer an access token of a common user
     * @param adminBearer  an access token of an admin
     */
    public HostileMatrix(int port, String contextPath, String commonBearer, String adminBearer) {
        this.port = port;
        this.context = contextPath;
        this.callers = List.of(new Caller("anonymous", List.of()),
                new Caller("common", List.of("Authorization: Bearer " + commonBearer)),
                new Caller("admin", List.of("Authorization: Bearer " + adminBearer)));
    }

    private static AccessRule rule(String name, PathPattern path, Set<String> methods, Policy policy) {
        return new AccessRule(name, Optional.empty(), path, methods, policy, PageRedirects.none());
    }

    private record Caller(String name, List<String> headers) {
    }

    /** What a request under test is: method, target, extra header lines, body. */
    private record Probe(String method, String target, List<String> headers, String body) {
        @Override
        public String toString() {
            return method + " " + target + (headers.isEmpty() ? "" : " " + headers) + (body.isEmpty() ? "" : " body=" + body);
        }
    }

    /**
     * Sends every hostile request as every caller and lists what went wrong: a handler reached by a
     * caller the rules keep out of it, a 5xx answer. Also checks that the sweep can fail: the admin
     * reaches the admin handler, a stranger the public one, a common user the default one.
     *
     * @return one line per problem, empty when the integration held
     */
    public List<String> sweep() {
        List<String> problems = new ArrayList<>();
        expect(problems, "anonymous", new Probe("GET", context + "/public/x", List.of(), ""), "public");
        expect(problems, "common", new Probe("GET", context + "/somewhere", List.of(), ""), "default");
        expect(problems, "admin", new Probe("GET", context + "/admin/x", List.of(), ""), "admin");
        expect(problems, "admin", new Probe("DELETE", context + "/items/1", List.of(), ""), "items-delete");
        int requests = 0;
        for (Caller caller : callers) {
            for (Probe probe : probes()) {
                requests++;
                RawRequest.Reply reply = send(caller, probe);
                Optional<String> handler = reply.header(HANDLER_HEADER);
                if (handler.isPresent() && !ALLOWED.get(caller.name()).contains(handler.get())) {
                    problems.add(caller.name() + " " + probe + ": ran the " + handler.get() + " handler (" + reply.status() + ")");
                }
                if (reply.status() >= 500) {
                    problems.add(caller.name() + " " + probe + ": answered " + reply.status());
                }
            }
        }
        if (requests < 1_000) {
            problems.add("only " + requests + " requests were sent");
        }
        return problems;
    }

    /**
     * WebSocket upgrades: no caller upgrades where the rules keep it out, and the sweep can fail:
     * an admin upgrades on /admin/ws and a stranger on /public/ws.
     *
     * @return one line per problem, empty when the integration held
     */
    public List<String> webSocketSweep() {
        List<String> problems = new ArrayList<>();
        expectUpgrade(problems, callers.get(2), context + "/admin/ws", true);
        expectUpgrade(problems, callers.get(0), context + "/public/ws", true);
        for (String spelling : webSocketTargets()) {
            expectUpgrade(problems, callers.get(0), context + spelling, false);
            expectUpgrade(problems, callers.get(1), context + spelling, false);
        }
        return problems;
    }

    /**
     * A signed-out browser is sent to {@link #LOGIN_URL} with a {@code return_to} that brings it back
     * to the page it asked for: in this app (context path included), with its query.
     *
     * @return one line per problem, empty when the integration held
     */
    public List<String> signInSweep() {
        List<String> problems = new ArrayList<>();
        for (String page : List.of("/somewhere", "/admin/x?tab=a%20b&n=1", "/files/other.txt", "/")) {
            String target = context + page;
            RawRequest.Reply reply = RawRequest.send(port, "GET", target, List.of("Accept: text/html"), "");
            String expected = LOGIN_URL + "?return_to=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8);
            if (reply.status() != 302 || !reply.header("Location").equals(Optional.of(expected))) {
                problems.add("browser GET " + target + ": answered " + reply.status() + " to " + reply.header("Location").orElse("nowhere")
                        + ", not 302 to " + expected);
            }
        }
        if (!context.isEmpty()) {
            // The context path spelled otherwise: refused, never redirected with that spelling in return_to.
            for (String spelled : List.of("/%61" + context.substring(2), context + ";jsessionid=ABC", "/x/.." + context,
                    context.toUpperCase(java.util.Locale.ROOT))) {
                RawRequest.Reply reply = RawRequest.send(port, "GET", spelled + "/somewhere", List.of("Accept: text/html"), "");
                if (reply.status() < 400 || reply.status() >= 500) {
                    problems.add("browser GET " + spelled + "/somewhere: answered " + reply.status() + " "
                            + reply.header("Location").orElse("") + ", not a 4xx refusal");
                }
            }
        }
        return problems;
    }

    private void expect(List<String> problems, String caller, Probe probe, String handler) {
        Caller who = callers.stream().filter(c -> c.name().equals(caller)).findFirst().orElseThrow();
        RawRequest.Reply reply = send(who, probe);
        if (reply.status() != 200 || !reply.header(HANDLER_HEADER).equals(Optional.of(handler))) {
            problems.add("the sweep cannot fail: " + caller + " " + probe + " answered " + reply.status() + " from "
                    + reply.header(HANDLER_HEADER).orElse("no handler") + ", not 200 from " + handler);
        }
    }

    private void expectUpgrade(List<String> problems, Caller caller, String target, boolean upgrades) {
        RawRequest.Reply reply = RawRequest.send(port, "GET", target, concat(caller.headers(), List.of(
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13")), "");
        if ((reply.status() == 101) != upgrades) {
            problems.add(caller.name() + " upgrade " + target + ": answered " + reply.status() + (upgrades ? ", expected 101" : ""));
        }
        if (reply.status() >= 500) {
            problems.add(caller.name() + " upgrade " + target + ": answered " + reply.status());
        }
    }

    private RawRequest.Reply send(Caller caller, Probe probe) {
        return RawRequest.send(port, probe.method(), probe.target(), concat(concat(caller.headers(), List.of("Accept: application/json")), probe.headers()),
                probe.body());
    }

    private List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        for (String method : List.of("GET", "HEAD", "POST", "DELETE", "PUT")) {
            for (String target : targets()) {
                probes.add(new Probe(method, target, List.of(), ""));
            }
        }
        // Method overrides, as Spring's hidden-method filter, Express's method-override and the
        // X-HTTP-Method-Override family read them.
        for (String target : List.of("/items/1", "/ITEMS/1", "/admin/x", "/reports/x")) {
            String at = context + target;
            probes.add(new Probe("POST", at + "?_method=DELETE", List.of(), ""));
            probes.add(new Probe("POST", at + "?_method=delete", List.of(), ""));
            probes.add(new Probe("POST", at, List.of("Content-Type: application/x-www-form-urlencoded"), "_method=DELETE"));
            probes.add(new Probe("POST", at, List.of("Content-Type: application/x-www-form-urlencoded; charset=UTF-8"), "a=1&_method=delete"));
            for (String header : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
                probes.add(new Probe("POST", at, List.of(header + ": DELETE"), ""));
                probes.add(new Probe("GET", at, List.of(header + ": DELETE"), ""));
            }
            probes.add(new Probe("POST", at + "?_method=DELETE,GET", List.of(), ""));
            probes.add(new Probe("HEAD", at, List.of(), ""));
        }
        return probes;
    }

    /** Hostile spellings, each under the context path, and absolute-form ones. */
    private List<String> targets() {
        List<String> targets = new ArrayList<>();
        for (String path : PATHS) {
            targets.add(context + path);
        }
        String origin = "http://127.0.0.1:" + port;
        for (String path : List.of("/admin/x", "/admin/../public/x", "/public/../admin/x", "/admin/%2e%2e/public/x", "/files/README.TXT")) {
            targets.add(origin + context + path);
        }
        targets.add("http://evil.example" + context + "/admin/x");
        if (!context.isEmpty()) {
            // The context path itself spelled otherwise: a container that maps it leniently must not leave the rules behind.
            for (String path : List.of("/admin/x", "/public/../admin/x")) {
                targets.add(context.toUpperCase(java.util.Locale.ROOT) + path);
                targets.add(context + "/" + path);
                targets.add(context + ";x=1" + path);
                targets.add("/%61" + context.substring(2) + path);
                targets.add(context + "/." + path);
                targets.add("/x/.." + context + path);
                targets.add(path);
            }
        }
        return targets;
    }

    private static List<String> webSocketTargets() {
        return List.of("/admin/ws", "/ADMIN/ws", "/Admin/ws", "/%61dmin/ws", "/admin/ws/", "/admin//ws", "//admin/ws", "/admin/./ws",
                "/public/../admin/ws", "/public/%2e%2e/admin/ws", "/public/..;/admin/ws", "/admin;x=1/ws", "/admin/ws;x=1", "/admin%2fws",
                "/admin/ws?x=1", "/public%2f..%2fadmin/ws");
    }

    /** The hostile spellings of the attack on the middleware: dot segments, ;, //, encodings, case, Unicode. */
    static final List<String> PATHS = List.of(
            "/admin/x", "/admin", "/public/x", "/x", "/files/readme.txt", "/files/other.txt", "/reports/x", "/items/1",
            // dot segments, raw and encoded in every case and mix, on both sides
            "/admin/../public/x", "/admin/%2e%2e/public/x", "/admin/%2E%2E/public/x", "/admin/%2e%2E/public/x", "/admin/.%2e/public/x",
            "/admin/%2e./public/x", "/admin/.%2E/public/x", "/admin/..;/public/x", "/admin/..;x=1/public/x", "/admin/;/../public/x",
            "/admin/x/..;/..;/public/x", "/admin/./../public/x", "/admin/x/../../public/x", "/admin/%2e/../public/x", "/admin//../public/x",
            "/admin/x//../../public/x", "/public/../admin/x", "/public/%2e%2e/admin/x", "/public/x/../../admin/x", "/%2e%2e/admin/x",
            "/public/%252e%252e/admin/x", "/public/%c0%ae%c0%ae/admin/x", "/admin/..", "/admin/.", "/public/..", "/public/./x",
            "/files/../files/readme.txt", "/public/../files/other.txt", "/public/../x",
            // empty segments
            "//admin/x", "//admin/../public/x", "/public//../admin/x", "//..", "//public/x/../../admin/x", "//public/x", "/public//x",
            "/admin//x", "/files//readme.txt",
            // case, escapes of plain characters, Unicode that folds to ASCII
            "/ADMIN/x", "/Admin", "/%61dmin/x", "/%41DMIN/x", "/admin/", "/adm%69n/x", "/adm%C4%B1n/x", "/PUBLIC/x", "/Public/x",
            "/publ%C4%B1c/x", "/%C5%BFublic/x", "/files/README.TXT", "/files/Readme.txt", "/files/readme.TXT", "/files/%72eadme.txt",
            "/REPORTS/x", "/Items/1",
            // ; parameters
            "/admin;x=1/x", "/admin;/x", "/admin;", "/public;/../admin/x", "/admin%3bx/x", "/public/x;/../../admin/x", "/public;x=1/x",
            "/files/readme.txt;x=1", "/files/readme.txt;.js",
            // encoded separators and backslashes
            "/admin%2fx", "/public%2f..%2fadmin/x", "/public/..%2fadmin/x", "/public%5c..%5cadmin/x", "/public/..%5cadmin/x",
            "/public\\..\\admin/x", "/admin\\x", "/public/..%2Fadmin/x", "/public/%2e%2e%2fadmin/x",
            // NUL, controls, invalid escapes, double encoding
            "/public/%00/../admin/x", "/admin%00/x", "/admin%0d%0a/x", "/admin%/x", "/admin%zz/x", "/admin%e9/x", "/public/x%00",
            "/%2561dmin/x", "/public/%25%32%65%25%32%65/admin/x",
            // query and fragment
            "/public/x?/../../admin/x", "/public/x#/../../admin/x", "/public/x%23/../../admin/x", "/public/x%3f/../../admin/x",
            "/public/x?_method=DELETE",
            // format suffixes and look-alike names
            "/admin.json", "/admin.html/x", "/administrator", "/public.json", "/publicx/y");

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
