package dev.gatehouse.middleware;

import dev.gatehouse.core.token.AccessTokenClaims;

import java.util.Optional;
import java.util.Set;

/**
 * Turns the claims of a verified token into an identity, or rejects the caller (seed 4's
 * pluggable "identifier"). An empty answer counts as no credentials at all.
 */
@FunctionalInterface
public interface Identifier {
    Optional<Identity> identify(AccessTokenClaims claims);

    /**
     * The default: the subject names the user (the verifier already requires a UUID {@code sub}
     * and a {@code role}). Gatehouse's access tokens carry {@code username} only when the user
     * has one and never the email, so seed 4's "must have a username" would lock out users who
     * signed up with an email alone; {@link #requiringUsername()} is that stricter rule. The
     * email is taken from an {@code email} claim when a token has one.
     */
    static Identifier standard() {
        return claims -> Optional.of(toIdentity(claims));
    }

    /** Seed 4's rule to the letter: the token must carry a username. */
    static Identifier requiringUsername() {
        return claims -> claims.username().isPresent() ? Optional.of(toIdentity(claims)) : Optional.empty();
    }

    private static Identity toIdentity(AccessTokenClaims claims) {
        Optional<String> email = Optional.ofNullable(claims.raw().get("email")).filter(String.class::isInstance).map(String.class::cast);
        return new Identity(claims.subject(), claims.username(), email, Set.of(claims.role().wireName()), claims.raw());
    }
}
