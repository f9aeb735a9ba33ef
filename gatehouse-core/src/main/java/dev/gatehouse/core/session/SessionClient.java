package dev.gatehouse.core.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A client a browser session signed a user in to, remembered so that the client can be told when
 * the session ends (OpenID Connect Back-Channel Logout 1.0). Kept only for clients that registered
 * a back-channel logout URI.
 *
 * <p>An entry is looked at when it is <em>due</em> ({@code checkAt} reached): a session known to
 * have ended ({@code ended}) gets its logout token sent; otherwise the session is looked up, and
 * the entry waits again while it is live. Every way a session ends marks its entries ended and due
 * at once; expiry, which happens without anyone ending the session, is found by the check at the
 * session's expiry.
 *
 * @param sessionId the session's public id, the logout token's {@code sid}
 * @param clientId the client signed in to
 * @param userId the session's user, the logout token's {@code sub}
 * @param checkAt when the entry is next due, in whole milliseconds (as stores keep it)
 * @param ended true once the session is known to have ended
 * @param attempts how many deliveries of the logout token failed so far
 */
public record SessionClient(UUID sessionId, String clientId, UUID userId, Instant checkAt, boolean ended, int attempts) {
    /** Refuses missing values and a negative count; cuts {@code checkAt} to the millisecond. */
    public SessionClient {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
        // Stores keep milliseconds, and claim compares what was read with what is stored.
        checkAt = checkAt.truncatedTo(ChronoUnit.MILLIS);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts is not negative");
        }
    }

    /**
     * Whether the entry is to be looked at {@code now}.
     *
     * @param now the time of the look
     * @return true when {@code checkAt} is not after {@code now}
     */
    public boolean isDueAt(Instant now) {
        return !checkAt.isAfter(now);
    }

    /**
     * This entry due again at {@code when}, with its flag and count as given.
     *
     * @param when the new due time
     * @param endedNow whether the session is known to have ended
     * @param failedAttempts how many deliveries failed
     * @return the changed copy; this one is unchanged
     */
    public SessionClient dueAt(Instant when, boolean endedNow, int failedAttempts) {
        return new SessionClient(sessionId, clientId, userId, when, endedNow, failedAttempts);
    }
}
