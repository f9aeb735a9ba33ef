package dev.gatehouse.core.keys;

import java.util.Optional;

/**
 * Where a verifier finds the key a token names. Looking up by kid only, with no fallback to
 * "try every key", means an unknown kid is always a rejection.
 */
@FunctionalInterface
public interface VerificationKeys {
    /**
     * The key with this kid that may currently verify tokens, or empty.
     *
     * @param kid the kid a token's header names
     * @return the key, or empty
     */
    Optional<SigningKey> find(String kid);
}
