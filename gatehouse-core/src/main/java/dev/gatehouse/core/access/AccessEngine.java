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

    public static AccessDecision decide(AccessRules rules, AccessRequest request, Optional<User> caller) {
        return switch (PathNormaliser.normalise(request.path())) {
            case NormalisedPath.Invalid invalid -> new AccessDecision.BadPath(invalid.reason());
            case NormalisedPath.Ok ok -> decide(rules, request.method(), hostName(request.host()), ok.path(), caller);
        };
    }

    private static AccessDecision decide(AccessRules rules, String method, String host, String path, Optional<User> caller) {
        Optional<AccessRule> rule = rules.rules().stream().filter(r -> r.appliesTo(method, host, path)).findFirst();
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
