package dev.gatehouse.core.access;

import java.util.List;
import java.util.Objects;

/**
 * The ordered rules of a rules file: the first rule that applies decides; when none does, the
 * default policy and default page redirects do (typically: unknown pages send a signed-out browser
 * to the login page). Immutable; a value, equal to another with the same rules and defaults.
 */
public final class AccessRules {
    private final List<AccessRule> rules;
    private final Policy defaultPolicy;
    private final PageRedirects defaultPages;
    /** Asked on every request whose path has no capitals; worked out once, as the rules never change. */
    private final boolean writtenWithCapitals;

    /**
     * Rules and the defaults for what none of them covers.
     *
     * @param rules the rules, in the order they are tried; copied
     * @param defaultPolicy what a request no rule applies to demands
     * @param defaultPages where browsers are sent when no rule applies
     */
    public AccessRules(List<AccessRule> rules, Policy defaultPolicy, PageRedirects defaultPages) {
        this.rules = List.copyOf(rules);
        this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        this.defaultPages = Objects.requireNonNull(defaultPages, "defaultPages");
        this.writtenWithCapitals = this.rules.stream().anyMatch(rule -> rule.path().writtenWithCapitals());
    }

    /**
     * No rules file: everything needs a signed-in user. Safe by default.
     *
     * @return rules with no entries, the {@link Policy.Authenticated} default and no page redirects
     */
    public static AccessRules authenticatedByDefault() {
        return new AccessRules(List.of(), new Policy.Authenticated(), PageRedirects.none());
    }

    /**
     * The rules, in the order they are tried.
     *
     * @return the rules, unmodifiable
     */
    public List<AccessRule> rules() {
        return rules;
    }

    /**
     * What decides when no rule applies.
     *
     * @return the default policy
     */
    public Policy defaultPolicy() {
        return defaultPolicy;
    }

    /**
     * Where browsers are sent when no rule applies and names its own pages.
     *
     * @return the default page redirects
     */
    public PageRedirects defaultPages() {
        return defaultPages;
    }

    /**
     * True when some rule's path is written with capitals (see {@link PathPattern#writtenWithCapitals()}).
     *
     * @return true when a request must also be judged with its path as written
     */
    public boolean writtenWithCapitals() {
        return writtenWithCapitals;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessRules that && rules.equals(that.rules) && defaultPolicy.equals(that.defaultPolicy)
                && defaultPages.equals(that.defaultPages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, defaultPolicy, defaultPages);
    }

    @Override
    public String toString() {
        return "AccessRules[rules=" + rules + ", defaultPolicy=" + defaultPolicy + ", defaultPages=" + defaultPages + "]";
    }
}
