package dev.gatehouse.core.access;

import java.util.List;
import java.util.Objects;

/**
 * The ordered rules of a rules file: the first rule that applies decides; when none does, the
 * default policy and default page redirects do (typically: unknown pages send a signed-out browser
 * to the login page).
 */
public record AccessRules(List<AccessRule> rules, Policy defaultPolicy, PageRedirects defaultPages) {
    public AccessRules {
        rules = List.copyOf(rules);
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        Objects.requireNonNull(defaultPages, "defaultPages");
    }

    /** True when some rule's path is written with capitals (see {@link PathPattern#writtenWithCapitals()}). */
    public boolean writtenWithCapitals() {
        for (AccessRule rule : rules) {
            if (rule.path().writtenWithCapitals()) {
                return true;
            }
        }
        return false;
    }

    /** No rules file: everything needs a signed-in user. Safe by default. */
    public static AccessRules authenticatedByDefault() {
        return new AccessRules(List.of(), new Policy.Authenticated(), PageRedirects.none());
    }
}
