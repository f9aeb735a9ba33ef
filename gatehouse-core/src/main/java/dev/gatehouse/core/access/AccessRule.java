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
 * @param host a regular expression the whole (lower-cased, port-less) host must match; empty = any
 * @param methods upper-case HTTP methods; empty = any. A rule naming {@code GET} also applies to
 *        {@code HEAD}: every common app server answers a HEAD with its GET handler, so a rule that
 *        guards a GET must guard the HEAD that runs the same code.
 */
public record AccessRule(String name, Optional<Pattern> host, PathPattern path, Set<String> methods, Policy policy, PageRedirects pages) {
    public AccessRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        methods = methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(pages, "pages");
    }

    /** True when the rule applies to this request; {@code path} is already normalised and case-folded. */
    public boolean appliesTo(String method, String hostName, String path) {
        return appliesTo(method, hostName, path, false);
    }

    /**
     * True when the rule applies to this request.
     *
     * @param asWritten {@code path} is {@link NormalisedPath.Ok#asWritten()}, matched case-sensitively
     *                  against the rule as written; otherwise it is the case-folded path
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
