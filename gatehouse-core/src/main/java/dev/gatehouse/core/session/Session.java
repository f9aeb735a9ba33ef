package dev.gatehouse.core.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A signed-in browser or client. The secret token is never kept: only its SHA-256
 * ({@code tokenHash}), so a leaked store cannot be replayed as cookies.
 *
 * @param id public identifier, safe to show and to name in {@code DELETE /sessions/{id}}
 * @param tokenHash the SHA-256 of the session token, unpadded base64url: how a cookie finds its session
 * @param userId the user the session belongs to
 * @param createdAt when the session started
 * @param lastSeenAt when it was last used, written at most once per {@link SessionPolicy#touchInterval()}
 * @param absoluteExpiry the end of the session whatever its use ({@code SESSION_DURATION})
 * @param idleExpiry the end of the session unless it is used before ({@code SESSION_IDLE_TIMEOUT})
 * @param userAgent the client's {@code User-Agent} at sign-in, for the user's list of sessions
 * @param remoteAddress the client's address at sign-in, for the user's list of sessions
 */
public record Session(
        UUID id,
        String tokenHash,
        UUID userId,
        Instant createdAt,
        Instant lastSeenAt,
        Optional<Instant> absoluteExpiry,
        Optional<Instant> idleExpiry,
        Optional<String> userAgent,
        Optional<String> remoteAddress) {

    /** Refuses a missing component; an absent value is an empty {@link Optional}. */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(absoluteExpiry, "absoluteExpiry");
        Objects.requireNonNull(idleExpiry, "idleExpiry");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /**
     * Live until the first expiry that is due; an instant equal to an expiry is already past it.
     *
     * @param now the instant to judge at
     * @return true when neither expiry has been reached
     */
    public boolean isLiveAt(Instant now) {
        return absoluteExpiry.map(now::isBefore).orElse(true) && idleExpiry.map(now::isBefore).orElse(true);
    }

    /**
     * The instant it ends if unused, or empty when it never ends.
     *
     * @return the earlier of the two expiries, or empty when neither is set
     */
    public Optional<Instant> expiresAt() {
        if (absoluteExpiry.isPresent() && idleExpiry.isPresent()) {
            return Optional.of(absoluteExpiry.get().isBefore(idleExpiry.get()) ? absoluteExpiry.get() : idleExpiry.get());
        }
        return absoluteExpiry.or(() -> idleExpiry);
    }

    /**
     * This session as used at {@code now}; its absolute expiry never moves.
     *
     * @param now the time of use, the new {@code lastSeenAt}
     * @param newIdleExpiry the new idle expiry, or empty when there is no idle limit
     * @return the changed copy; this one is unchanged
     */
    public Session seenAt(Instant now, Optional<Instant> newIdleExpiry) {
        return new Session(id, tokenHash, userId, createdAt, now, absoluteExpiry, newIdleExpiry, userAgent, remoteAddress);
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", userId=" + userId + "]";
    }
}
