package dev.gatehouse.core.spi;

import dev.gatehouse.core.session.Session;

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
    /**
     * Stores a new session.
     *
     * @param session the session, its id and token hash not yet used by any other
     */
    void insert(Session session);

    /**
     * The session whose token has this hash, live or not.
     *
     * @param tokenHash the SHA-256 of the token, as {@link Session#tokenHash()} holds it
     * @return the session, or empty
     */
    Optional<Session> findByTokenHash(String tokenHash);

    /**
     * The session with this public id, live or not.
     *
     * @param id the session's public id
     * @return the session, or empty
     */
    Optional<Session> findById(UUID id);

    /**
     * Records use: the new last-seen time and idle expiry. False when the session is gone.
     *
     * @param id the session's public id
     * @param lastSeenAt the time of use
     * @param idleExpiry the new idle expiry, or empty when there is no idle limit
     * @return true when the session was there and updated
     */
    boolean touch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry);

    /**
     * Records many uses at once; a touch of a session that is gone changes nothing. Stores that
     * can write them together (one transaction) should: this is how deferred touches are flushed.
     *
     * @param touches the uses to record, at most one per session
     */
    default void touchAll(Collection<SessionTouch> touches) {
        for (SessionTouch touch : touches) {
            touch(touch.id(), touch.lastSeenAt(), touch.idleExpiry());
        }
    }

    /**
     * False when there was no such session.
     *
     * @param id the session's public id
     * @return true when a session was deleted
     */
    boolean delete(UUID id);

    /**
     * Deletes every session of the user; returns how many.
     *
     * @param userId the user's id
     * @return how many sessions were deleted
     */
    int deleteAllForUser(UUID userId);

    /**
     * Deletes every session of the user but one; returns how many.
     *
     * @param userId the user's id
     * @param keep the public id of the session to keep
     * @return how many sessions were deleted
     */
    int deleteAllForUserExcept(UUID userId, UUID keep);

    /**
     * The user's sessions, newest first, expired ones included until purged.
     *
     * @param userId the user's id
     * @return the sessions, possibly none
     */
    List<Session> listForUser(UUID userId);

    /**
     * Sessions live at {@code now}.
     *
     * @param now the instant to judge liveness at
     * @return the number of live sessions, over all users
     */
    long countLive(Instant now);

    /**
     * Deletes sessions no longer live at {@code now}; returns how many.
     *
     * @param now the instant to judge liveness at
     * @return how many sessions were deleted
     */
    int deleteExpired(Instant now);
}
