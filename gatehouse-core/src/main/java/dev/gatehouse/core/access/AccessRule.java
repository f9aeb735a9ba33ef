package dev.gatehouse.core.access;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One ordered rule: where it applies (host, path, methods) and what it demands.
 *
 * @param name names the rule in logs and error messages
 * @param host a regular expression the whole (lower-cased, port-less) host must match; empty = any
 * @param methods upper-case HTTP methods; empty = any. A rule naming {@code GET} also applies to
 *        {@code HEAD}: every common app server answers a HEAD with its GET handler, so a rule that
 *        guards a GET must guard the HEAD that runs the same code.
 * @param path the paths the rule applies to
 * @param policy what the rule demands of the caller
 * @param pages where browser navigations are sent instead, when signed in or signed out
 */
public record AccessRule(String name, Optional<Pattern> host, PathPattern path, Set<String> methods, Policy policy, PageRedirects pages) {
    /** Refuses a missing component and upper-cases the methods, as requests are compared. */
    public AccessRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(pages, "pages");
    }

    /**
     * True when the rule applies to this request; {@code path} is already normalised and case-folded.
     *
     * @param method the HTTP method, in any case
     * @param hostName the host as {@link AccessEngine} reads it: lower-case, without port
     * @param path the normalised, case-folded path
     * @return true when the method, host and path all fall under the rule
     */
    public boolean appliesTo(String method, String hostName, String path) {
        return appliesTo(method, hostName, path, false);
    }

    /**
     * True when the rule applies to this request.
     *
     * @param method    the HTTP method, in any case
     * @param hostName  the host as {@link AccessEngine} reads it: lower-case, without port
     * @param path      the normalised path, case-folded or as written as {@code asWritten} says
     * @param asWritten {@code path} is {@link NormalisedPath.Ok#asWritten()}, matched case-sensitively
     *                  against the rule as written; otherwise it is the case-folded path
     * @return true when the method, host and path all fall under the rule
     */
    public boolean appliesTo(String method, String hostName, String path, boolean asWritten) {
        return appliesToMethod(method.toUpperCase(Locale.ROOT))
                && host.map(p -> p.matcher(hostName).matches()).orElse(true)
                && (asWritten ? this.path.matchesAsWritten(path) : this.path.matches(path));
    }

    private boolean appliesToMethod(String method) {
        return methods.isEmpty() || methods.contains(method) || (method.equals("HEAD") && methods.contains("GET"));
    }
}
