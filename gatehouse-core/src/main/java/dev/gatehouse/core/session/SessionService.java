package dev.gatehouse.core.session;

import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.TokenHashes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Starts, resolves and ends sessions under a {@link SessionPolicy}. */
public final class SessionService {
    private final SessionStore store;
    private final SessionPolicy policy;
    private final Clock clock;

    /**
     * A service over {@code store}.
     *
     * @param store where sessions are kept
     * @param policy how long new sessions live
     * @param clock the time expiries are measured by
     */
    public SessionService(SessionStore store, SessionPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The lifetimes new sessions get.
     *
     * @return the policy
     */
    public SessionPolicy policy() {
        return policy;
    }

    /**
     * A new session with a fresh 256-bit token: every sign-in gets a new one (no fixation).
     *
     * @param userId the user who signed in
     * @param client what is known of the client, kept for the user's list of sessions
     * @return the token for the cookie, and the session as stored
     */
    public StartedSession start(UUID userId, ClientInfo client) {
        Instant now = now();
        String token = SecureIds.newToken();
        Optional<Instant> absolute = policy.hasAbsoluteLimit() ? Optional.of(now.plus(policy.absoluteLifetime())) : Optional.empty();
        Session session = new Session(SecureIds.newUuid(), TokenHashes.sha256(token), userId, now, now, absolute,
                idleExpiryFrom(now), client.userAgent(), client.remoteAddress());
        store.insert(session);
        return new StartedSession(token, session);
    }

    /**
     * The live session the token belongs to. An expired one is deleted on sight; use refreshes the
     * idle expiry, written at most once per {@link SessionPolicy#touchInterval()}.
     *
     * @param token the session token from the cookie; a malformed one is no error
     * @return the live session, or empty
     */
    public Optional<Session> resolve(String token) {
        if (!SecureIds.isWellFormedToken(token)) {
            return Optional.empty();
        }
        Optional<Session> found = store.findByTokenHash(TokenHashes.sha256(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get();
        Instant now = now();
        if (!session.isLiveAt(now)) {
            store.delete(session.id());
            return Optional.empty();
        }
        if (Duration.between(session.lastSeenAt(), now).compareTo(policy.touchInterval()) >= 0) {
            Session seen = session.seenAt(now, idleExpiryFrom(now));
            return store.touch(seen.id(), seen.lastSeenAt(), seen.idleExpiry()) ? Optional.of(seen) : Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * Ends the session the token belongs to and returns it; empty when there was none.
     *
     * @param token the session token from the cookie
     * @return the session that ended, or empty
     */
    public Optional<Session> endReturning(String token) {
        if (!SecureIds.isWellFormedToken(token)) {
            return Optional.empty();
        }
        return store.findByTokenHash(TokenHashes.sha256(token)).filter(s -> store.delete(s.id()));
    }

    /**
     * The live session with this public id: how a token bound to a session learns it has ended.
     *
     * @param id the session's public id
     * @return the session while it is live, or empty
     */
    public Optional<Session> findLive(UUID id) {
        Instant now = now();
        return store.findById(id).filter(s -> s.isLiveAt(now));
    }

    /**
     * Ends the session the token belongs to; false when there was none.
     *
     * @param token the session token from the cookie
     * @return true when a session ended
     */
    public boolean end(String token) {
        if (!SecureIds.isWellFormedToken(token)) {
            return false;
        }
        return store.findByTokenHash(TokenHashes.sha256(token)).map(s -> store.delete(s.id())).orElse(false);
    }

    /**
     * Ends one of the user's sessions by its public id; false when it is not theirs or not there.
     *
     * @param userId the user asking
     * @param sessionId the public id of the session to end
     * @return true when a session ended
     */
    public boolean endOwned(UUID userId, UUID sessionId) {
        return store.findById(sessionId).filter(s -> s.userId().equals(userId)).map(s -> store.delete(s.id())).orElse(false);
    }

    /**
     * Log out everywhere.
     *
     * @param userId the user's id
     * @return how many sessions ended
     */
    public int endAll(UUID userId) {
        return store.deleteAllForUser(userId);
    }

    /**
     * Log out everywhere else: ends every session of the user but {@code keep}, the one asking.
     *
     * @param userId the user's id
     * @param keep the public id of the session to leave signed in
     * @return how many sessions ended
     */
    public int endAllExcept(UUID userId, UUID keep) {
        return store.deleteAllForUserExcept(userId, keep);
    }

    /**
     * The user's live sessions, newest first.
     *
     * @param userId the user's id
     * @return the live sessions, possibly none
     */
    public List<Session> list(UUID userId) {
        Instant now = now();
        return store.listForUser(userId).stream().filter(s -> s.isLiveAt(now)).toList();
    }

    /**
     * How many sessions are live now, over all users.
     *
     * @return the number of live sessions
     */
    public long countLive() {
        return store.countLive(now());
    }

    /**
     * Deletes the sessions no longer live, which the store otherwise keeps; for a periodic clean-up.
     *
     * @return how many were deleted
     */
    public int purgeExpired() {
        return store.deleteExpired(now());
    }

    private Optional<Instant> idleExpiryFrom(Instant now) {
        return policy.hasIdleLimit() ? Optional.of(now.plus(policy.idleTimeout())) : Optional.empty();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
