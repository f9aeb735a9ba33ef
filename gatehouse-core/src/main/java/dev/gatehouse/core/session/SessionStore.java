package dev.gatehouse.core.session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where sessions are kept (SPI). Thread-safe. Stores hold expired sessions until
 * {@link #deleteExpired} runs; callers decide liveness with {@link Session#isLiveAt}.
 */
public interface SessionStore {
    void insert(Session session);

    Optional<Session> findByTokenHash(String tokenHash);

    Optional<Session> findById(UUID id);

    /** Records use: the new last-seen time and idle expiry. False when the session is gone. */
    boolean touch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry);

    /**
     * Records many uses at once; a touch of a session that is gone changes nothing. Stores that
     * can write them together (one transaction) should: this is how deferred touches are flushed.
     */
    default void touchAll(Collection<SessionTouch> touches) {
        for (SessionTouch touch : touches) {
            touch(touch.id(), touch.lastSeenAt(), touch.idleExpiry());
        }
    }

    /** False when there was no such session. */
    boolean delete(UUID id);

    /** Deletes every session of the user; returns how many. */
    int deleteAllForUser(UUID userId);

    /** Deletes every session of the user but one; returns how many. */
    int deleteAllForUserExcept(UUID userId, UUID keep);

    /** The user's sessions, newest first, expired ones included until purged. */
    List<Session> listForUser(UUID userId);

    /** Sessions live at {@code now}. */
    long countLive(Instant now);

    /** Deletes sessions no longer live at {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
