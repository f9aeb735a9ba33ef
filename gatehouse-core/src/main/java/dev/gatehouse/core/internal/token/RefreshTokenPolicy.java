package dev.gatehouse.core.internal.token;

import java.time.Duration;
import java.util.Objects;

/**
 * How long refresh tokens live. Each token lives {@code tokenLifetime} from its issue (a sliding
 * window: a client that refreshes keeps going), but no token outlives its family, which ends
 * {@code familyLifetime} after the sign-in that began it. The cap bounds what a stolen, quietly
 * rotated chain is worth, and makes the user sign in again at least that often.
 *
 * @param tokenLifetime how long one token may sit unused
 * @param familyLifetime how long a sign-in may be kept alive by refreshing, at least {@code tokenLifetime}
 */
public record RefreshTokenPolicy(Duration tokenLifetime, Duration familyLifetime) {
    /**
     * Refuses a token lifetime under a millisecond and a family lifetime shorter than a token's.
     *
     * @throws IllegalArgumentException when a lifetime is out of range
     */
    public RefreshTokenPolicy {
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(familyLifetime, "familyLifetime");
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("the refresh token lifetime must be positive, not " + tokenLifetime);
        }
        if (tokenLifetime.toMillis() < 1) {
            throw new IllegalArgumentException("the refresh token lifetime must be at least a millisecond");
        }
        if (familyLifetime.compareTo(tokenLifetime) < 0) {
            throw new IllegalArgumentException("the refresh family lifetime (" + familyLifetime
                    + ") cannot be shorter than a token's (" + tokenLifetime + ")");
        }
    }

    /**
     * The policy of the single setting {@code JWT_REFRESH_TTL}: tokens and families both live
     * {@code ttl}, so a sign-in can be refreshed for {@code ttl} and then ends, however active.
     *
     * @param ttl the lifetime of tokens and of families; at least a millisecond
     * @return the policy
     */
    public static RefreshTokenPolicy of(Duration ttl) {
        return new RefreshTokenPolicy(ttl, ttl);
    }
}
