package dev.gatehouse.oidc;

import dev.gatehouse.core.user.User;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A user's standard claims (OpenID Connect Core section 5.4) by the scopes a client was granted:
 * {@code profile} gives the names ({@code name}, {@code given_name}, {@code family_name},
 * {@code preferred_username}, {@code updated_at}), {@code email} gives {@code email} and
 * {@code email_verified}, which is false: Gatehouse does not yet prove that a user owns their
 * address, and a client must not take an unproved address for an identity. A claim the user has no
 * value for is left out, never sent empty.
 */
final class UserClaims {
    private UserClaims() {
    }

    static Map<String, Object> of(User user, Set<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        if (scopes.contains("profile")) {
            user.name().ifPresent(name -> claims.put("name", name));
            user.firstName().ifPresent(name -> claims.put("given_name", name));
            user.lastName().ifPresent(name -> claims.put("family_name", name));
            user.username().ifPresent(username -> claims.put("preferred_username", username));
            claims.put("updated_at", user.updatedAt().getEpochSecond());
        }
        if (scopes.contains("email") && user.email().isPresent()) {
            claims.put("email", user.email().get());
            claims.put("email_verified", false);
        }
        return claims;
    }
}
