package dev.gatehouse.core.session;

import dev.gatehouse.core.support.SecureIds;
import dev.gatehouse.core.support.TokenHashes;

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

    public SessionService(SessionStore store, SessionPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    public SessionPolicy policy() {
        return policy;
    }

    /** A new session with a fresh 256-bit token: every sign-in gets a new one (no fixation). */
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

    /** Ends the session the token belongs to and returns it; empty when there was none. */
    public Optional<Session> endReturning(String token) {
        if (!SecureIds.isWellFormedToken(token)) {
            return Optional.empty();
        }
        return store.findByTokenHash(TokenHashes.sha256(token)).filter(s -> store.delete(s.id()));
    }

    /** The live session with this public id: how a token bound to a session learns it has ended. */
    public Optional<Session> findLive(UUID id) {
        Instant now = now();
        return store.findById(id).filter(s -> s.isLiveAt(now));
    }

    /** Ends the session the token belongs to; false when there was none. */
    public boolean end(String token) {
        if (!SecureIds.isWellFormedToken(token)) {
            return false;
        }
        return store.findByTokenHash(TokenHashes.sha256(token)).map(s -> store.delete(s.id())).orElse(false);
    }

    /** Ends one of the user's sessions by its public id; false when it is not theirs or not there. */
    public boolean endOwned(UUID userId, UUID sessionId) {
        return store.findById(sessionId).filter(s -> s.userId().equals(userId)).map(s -> store.delete(s.id())).orElse(false);
    }

    /** Log out everywhere. */
    public int endAll(UUID userId) {
        return store.deleteAllForUser(userId);
    }

    public int endAllExcept(UUID userId, UUID keep) {
        return store.deleteAllForUserExcept(userId, keep);
    }

    /** The user's live sessions, newest first. */
    public List<Session> list(UUID userId) {
        Instant now = now();
        return store.listForUser(userId).stream().filter(s -> s.isLiveAt(now)).toList();
    }

    public long countLive() {
        return store.countLive(now());
    }

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
