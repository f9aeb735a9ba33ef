package dev.gatehouse.core.access;

import dev.gatehouse.core.user.User;

import java.util.Locale;
import java.util.Optional;

/**
 * Applies ordered rules to a request: the first rule that applies decides, else the defaults.
 * Paths are normalised first ({@link PathNormaliser}), so {@code /%41DMIN/} is judged as
 * {@code /admin}, the way the upstream will serve it; a path that upstreams could read in two
 * ways ({@code /public/../admin}, {@code /public/..;/admin}) is refused ({@link AccessDecision.BadPath}),
 * never resolved to one of them.
 */
public final class AccessEngine {
    private AccessEngine() {
    }

    /**
     * Decides on a request. Its path is normalised first; a path that cannot be read safely is
     * {@link AccessDecision.BadPath}, whatever the rules say.
     *
     * @param rules the rules, tried in order
     * @param request the method, host and raw path as the upstream will receive them
     * @param caller the signed-in user, or empty for an anonymous caller
     * @return what the first rule that applies (or the defaults) demands of this caller
     */
    public static AccessDecision decide(AccessRules rules, AccessRequest request, Optional<User> caller) {
        return switch (PathNormaliser.normalise(request.path())) {
            case NormalisedPath.Invalid invalid -> new AccessDecision.BadPath(invalid.reason());
            case NormalisedPath.Ok ok -> decide(rules, request.method(), request.host(), ok, caller);
        };
    }

    /**
     * As {@link #decide(AccessRules, AccessRequest, Optional)}, on a path the caller has read
     * already with {@link PathNormaliser}: for a caller that judges one request under several
     * methods, or that must look at the reading itself before judging it.
     *
     * @param rules the rules, tried in order
     * @param method the HTTP method as sent
     * @param host the {@code Host} as sent; matched lower-case, without port or trailing dot
     * @param path the path as {@link PathNormaliser} read it
     * @param caller the signed-in user, or empty for an anonymous caller
     * @return what the rules demand of this caller
     */
    public static AccessDecision decide(AccessRules rules, String method, String host, NormalisedPath.Ok path, Optional<User> caller) {
        return decideBothCases(rules, method, hostName(host), path, caller);
    }

    /**
     * Apps disagree on case: Spring, Javalin, Express and most file servers route
     * {@code /Files/README.TXT} case-sensitively, IIS, some Tomcat set-ups and macOS file systems
     * do not. A rule must hold for both, so a path holding capitals is judged twice, case-folded
     * (so that {@code /ADMIN} falls under {@code /admin}) and as sent against the rules as written
     * (so that a public {@code /files/readme.txt} does not open {@code /files/README.TXT}, which a
     * case-sensitive app serves from another handler, and a public {@code /Reports} does not open
     * {@code /reports}), and let through only when both readings let it through.
     */
    private static AccessDecision decideBothCases(AccessRules rules, String method, String host, NormalisedPath.Ok path, Optional<User> caller) {
        AccessDecision folded = decideEveryReading(rules, method, host, path.path(), false, caller);
        if (refuses(folded) || (path.asWritten().equals(path.path()) && !rules.writtenWithCapitals())) {
            return folded;
        }
        AccessDecision asWritten = decideEveryReading(rules, method, host, path.asWritten(), true, caller);
        return refuses(asWritten) ? asWritten : folded;
    }

    /**
     * Rails routes {@code /admin.json} to the {@code /admin} action (its optional
     * {@code (.:format)}), as Spring MVC did with suffix pattern matching. So when a path's last
     * segment, without its format suffix, is exactly what a prefix rule names, the request is
     * judged under that reading too, and only let through when both readings let it through: the
     * {@code /admin} rule covers {@code /admin.json}, and a public {@code /public} rule does not
     * open {@code /public.json} where the path as written is protected. Other dotted names
     * ({@code /login.html}, {@code /app.js}) are judged as written only.
     */
    private static AccessDecision decideEveryReading(AccessRules rules, String method, String host, String path, boolean exactCase,
                                                     Optional<User> caller) {
        AccessDecision whole = decide(rules, method, host, path, exactCase, caller);
        Optional<String> withoutFormat = withoutFormatSuffix(path).filter(bare -> namesAPrefixRule(rules, bare, exactCase));
        if (withoutFormat.isEmpty() || refuses(whole)) {
            return whole;
        }
        AccessDecision asFormat = decide(rules, method, host, withoutFormat.get(), exactCase, caller);
        return refuses(asFormat) ? asFormat : whole;
    }

    /** {@code /a/b.json} read as {@code /a/b}: the last segment up to its first dot, when the dot is not its first character. */
    private static Optional<String> withoutFormatSuffix(String path) {
        int segment = path.lastIndexOf('/') + 1;
        int dot = path.indexOf('.', segment);
        return dot > segment ? Optional.of(path.substring(0, dot)) : Optional.empty();
    }

    private static boolean namesAPrefixRule(AccessRules rules, String path, boolean exactCase) {
        return rules.rules().stream().anyMatch(rule -> rule.path() instanceof PathPattern.Prefix prefix && prefix.namesExactly(path, exactCase));
    }

    private static boolean refuses(AccessDecision decision) {
        return decision instanceof AccessDecision.SignInRequired || decision instanceof AccessDecision.Forbidden
                || decision instanceof AccessDecision.BadPath;
    }

    private static AccessDecision decide(AccessRules rules, String method, String host, String path, boolean exactCase,
                                         Optional<User> caller) {
        Optional<AccessRule> rule = rules.rules().stream().filter(r -> r.appliesTo(method, host, path, exactCase)).findFirst();
        Policy policy = rule.map(AccessRule::policy).orElse(rules.defaultPolicy());
        PageRedirects pages = rule.map(AccessRule::pages).orElse(rules.defaultPages());
        if (caller.isPresent() && pages.whenSignedIn().isPresent() && !(policy instanceof Policy.Deny)) {
            return new AccessDecision.SendSignedIn(pages.whenSignedIn().get(), caller.get());
        }
        return switch (policy) {
            case Policy.Public p -> new AccessDecision.Allow(caller);
            case Policy.Deny d -> new AccessDecision.Forbidden(caller);
            case Policy.Authenticated a -> caller.<AccessDecision>map(u -> new AccessDecision.Allow(Optional.of(u)))
                    .orElseGet(() -> new AccessDecision.SignInRequired(pages.whenSignedOut()));
            case Policy.Roles roles -> caller.<AccessDecision>map(u -> roles.anyOf().contains(u.role())
                            ? new AccessDecision.Allow(Optional.of(u)) : new AccessDecision.Forbidden(Optional.of(u)))
                    .orElseGet(() -> new AccessDecision.SignInRequired(pages.whenSignedOut()));
        };
    }

    /** The host as rules match it: lower-case, without port or trailing dot. */
    static String hostName(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end < 0 ? name : name.substring(0, end + 1);
        }
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
