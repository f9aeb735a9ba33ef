package dev.gatehouse.middleware;

import java.util.Optional;
import java.util.Set;

/**
 * Turns a verified caller (an access token's claims, or an introspected session) into an
 * identity, or rejects the caller (a pluggable "identifier"). An empty answer counts as
 * no credentials at all.
 */
@FunctionalInterface
public interface Identifier {
    /**
     * The identity this caller gets.
     *
     * @param caller a caller whose token or session has been verified
     * @return the identity, or empty to treat the request as carrying no credentials
     */
    Optional<Identity> identify(VerifiedCaller caller);

    /**
     * The default: the subject names the user (the verifier already requires a UUID {@code sub}
     * and a {@code role}). Gatehouse's access tokens carry {@code username} only when the user
     * has one and never the email, so a "must have a username" rule would lock out users who
     * signed up with an email alone; {@link #requiringUsername()} is that stricter rule.
     *
     * @return an identifier that accepts every verified caller
     */
    static Identifier standard() {
        return caller -> Optional.of(toIdentity(caller));
    }

    /**
     * The stricter rule: a caller without a username counts as no credentials.
     *
     * @return an identifier that accepts only callers with a username
     */
    static Identifier requiringUsername() {
        return caller -> caller.username().isPresent() ? Optional.of(toIdentity(caller)) : Optional.empty();
    }

    private static Identity toIdentity(VerifiedCaller caller) {
        return new Identity(caller.subject(), caller.username(), caller.email(), Set.of(caller.role().wireName()), caller.claims());
    }
}
