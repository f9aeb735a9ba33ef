package dev.gatehouse.core.session;

import dev.gatehouse.core.internal.support.SecureIds;
import dev.gatehouse.core.spi.SessionClientStore;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.core.spi.TokenHashes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts, resolves and ends sessions under a {@link SessionPolicy}. Every way a session ends here
 * marks the clients it signed in to due for a logout (see {@link SessionClient}).
 */
public final class SessionService {
    /**
     * How soon after a sign-in to a client its session is first looked at: a session that ended
     * while the sign-in was being recorded is found then, not only at its expiry.
     */
    static final Duration FIRST_CLIENT_CHECK = Duration.ofMinutes(1);

    private final SessionStore store;
    private final SessionClientStore clients;
    private final SessionPolicy policy;
    private final Clock clock;

    /**
     * A service over {@code store}.
     *
     * @param store where sessions are kept
     * @param clients which clients each session signed in to
     * @param policy how long new sessions live
     * @param clock the time expiries are measured by
     */
    public SessionService(SessionStore store, SessionClientStore clients, SessionPolicy policy, Clock clock) {
        this.store = store;
        this.clients = clients;
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
            delete(session);
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
        return store.findByTokenHash(TokenHashes.sha256(token)).filter(this::delete);
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
        return store.findByTokenHash(TokenHashes.sha256(token)).map(this::delete).orElse(false);
    }

    /**
     * Ends one of the user's sessions by its public id; false when it is not theirs or not there.
     *
     * @param userId the user asking
     * @param sessionId the public id of the session to end
     * @return true when a session ended
     */
    public boolean endOwned(UUID userId, UUID sessionId) {
        return store.findById(sessionId).filter(s -> s.userId().equals(userId)).map(this::delete).orElse(false);
    }

    /**
     * Log out everywhere.
     *
     * @param userId the user's id
     * @return how many sessions ended
     */
    public int endAll(UUID userId) {
        int ended = store.deleteAllForUser(userId);
        clients.markUserEnded(userId, Optional.empty(), now());
        return ended;
    }

    /**
     * Log out everywhere else: ends every session of the user but {@code keep}, the one asking.
     *
     * @param userId the user's id
     * @param keep the public id of the session to leave signed in
     * @return how many sessions ended
     */
    public int endAllExcept(UUID userId, UUID keep) {
        int ended = store.deleteAllForUserExcept(userId, keep);
        clients.markUserEnded(userId, Optional.of(keep), now());
        return ended;
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

    /**
     * Records that the session signed its user in to the client, so that the client is told when
     * the session ends: by whatever ends it here, or, when it expires, by a later look.
     *
     * @param session the session of the sign-in
     * @param clientId the client the user signed in to
     */
    public void recordClient(Session session, String clientId) {
        clients.record(new SessionClient(session.id(), clientId, session.userId(), now().plus(FIRST_CLIENT_CHECK), false, 0));
    }

    /** Deletes the session; when it was there, its clients are due to be told. */
    private boolean delete(Session session) {
        if (!store.delete(session.id())) {
            return false;
        }
        clients.markEnded(session.id(), now());
        return true;
    }

    private Optional<Instant> idleExpiryFrom(Instant now) {
        return policy.hasIdleLimit() ? Optional.of(now.plus(policy.idleTimeout())) : Optional.empty();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
