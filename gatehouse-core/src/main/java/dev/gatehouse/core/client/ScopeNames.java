package dev.gatehouse.core.client;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scope names as RFC 6749 section 3.3 allows them: printable ASCII but space, quote and backslash.
 * Stores keep a set of scopes as one space-separated string, as OAuth writes it, so a name with a
 * space would come back as two, and an empty one not at all; both are refused wherever scopes are kept.
 */
final class ScopeNames {
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");

    private ScopeNames() {
    }

    static boolean isValid(String scope) {
        return SCOPE.matcher(scope).matches();
    }

    static Set<String> requireValid(Set<String> scopes) {
        Set<String> copy = Set.copyOf(scopes);
        for (String scope : copy) {
            if (!isValid(scope)) {
                throw new IllegalArgumentException("a scope is 1 to 128 printable ASCII characters, without space, quote or backslash");
            }
        }
        return copy;
    }
}
