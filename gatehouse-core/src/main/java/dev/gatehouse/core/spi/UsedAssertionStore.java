package dev.gatehouse.core.spi;

import java.time.Instant;

/**
 * The ids of the client assertions already accepted (SPI): a JWT a client signs to authenticate
 * ({@code private_key_jwt}, RFC 7523) is good once. Thread-safe and shared by every instance, since
 * a replay may reach any of them; {@link #markUsed} is one atomic step, so of two presentations of
 * one assertion, at the same time or not, exactly one is the first.
 */
public interface UsedAssertionStore {
    /**
     * Marks the assertion used, if it was not.
     *
     * @param idHash the SHA-256 of the client id and the assertion's {@code jti}, as the caller makes it
     * @param expiresAt the assertion's expiry, after which it is refused anyway and may be forgotten
     * @return true when this is its first use; false when it was used before
     */
    boolean markUsed(String idHash, Instant expiresAt);

    /**
     * Forgets the assertions that expired before {@code before}.
     *
     * @param before assertions with an expiry before this go
     * @return how many were forgotten
     */
    int deleteExpired(Instant before);
}
