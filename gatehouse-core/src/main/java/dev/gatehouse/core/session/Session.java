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
 * @param absoluteExpiry the end of the session whatever its use ({@code SESSION_DURATION})
 * @param idleExpiry the end of the session unless it is used before ({@code SESSION_IDLE_TIMEOUT})
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

    /** Live until the first expiry that is due; an instant equal to an expiry is already past it. */
    public boolean isLiveAt(Instant now) {
        return absoluteExpiry.map(now::isBefore).orElse(true) && idleExpiry.map(now::isBefore).orElse(true);
    }

    /** The instant it ends if unused, or empty when it never ends. */
    public Optional<Instant> expiresAt() {
        if (absoluteExpiry.isPresent() && idleExpiry.isPresent()) {
            return Optional.of(absoluteExpiry.get().isBefore(idleExpiry.get()) ? absoluteExpiry.get() : idleExpiry.get());
        }
        return absoluteExpiry.or(() -> idleExpiry);
    }

    public Session seenAt(Instant now, Optional<Instant> newIdleExpiry) {
        return new Session(id, tokenHash, userId, createdAt, now, absoluteExpiry, newIdleExpiry, userAgent, remoteAddress);
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", userId=" + userId + "]";
    }
}
