package dev.gatehouse.core.client;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an access token issued to a client lets it do: the client it was issued to
 * ({@code client_id}, RFC 9068) and the scopes granted ({@code scope}). A token issued by
 * Gatehouse's own sign-in carries none.
 *
 * @param clientId the client the token was issued to
 * @param scopes   the scopes granted, possibly none
 */
public record ClientGrant(String clientId, Set<String> scopes) {
    /** Refuses a client id or scope that no registered client could have. */
    public ClientGrant {
        Objects.requireNonNull(clientId, "clientId");
        if (!Client.isValidId(clientId)) {
            throw new IllegalArgumentException("not a client id");
        }
        scopes = ScopeNames.requireValid(scopes);
    }

    /**
     * The scopes as OAuth writes them: sorted and separated by single spaces.
     *
     * @return such as {@code email openid profile}; empty for no scope
     */
    public String scopeText() {
        return String.join(" ", new TreeSet<>(scopes));
    }

    /**
     * Whether the grant holds a scope.
     *
     * @param scope a scope name
     * @return true when it was granted
     */
    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /**
     * Reads a {@code scope} value strictly: names separated by single spaces, none repeated, no
     * space at either end. A value a client library could split differently (two spaces, a tab, a
     * name twice) is refused, not tidied.
     *
     * @param text the value as written in a token or request
     * @return the scopes, or empty when the value is not written that way
     */
    public static Optional<Set<String>> parseScopes(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.isEmpty()) {
            return Optional.of(Set.of());
        }
        String[] names = text.split(" ", -1);
        Set<String> scopes = new TreeSet<>();
        for (String name : names) {
            if (!ScopeNames.isValid(name) || !scopes.add(name)) {
                return Optional.empty();
            }
        }
        return Optional.of(Set.copyOf(scopes));
    }
}
