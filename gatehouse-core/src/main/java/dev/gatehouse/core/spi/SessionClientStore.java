package dev.gatehouse.core.spi;

import dev.gatehouse.core.session.SessionClient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which clients each browser session signed in to, until they have been told it ended (SPI).
 * Thread-safe and shared by every instance: the session may end on one instance and its logout
 * be sent by another. One entry per session and client.
 *
 * <p>Every instance looks at the due entries, so taking one is a compare-and-set: {@link #claim}
 * moves its due time only if no one else has since, and of several instances claiming one entry
 * exactly one succeeds. An instance that dies holding a claim leaves the entry due again when the
 * claim runs out, so a logout is sent at least once.
 */
public interface SessionClientStore {
    /**
     * Records that the session signed in to the client. When an entry is there already, it keeps
     * the earlier due time, and stays ended if it was.
     *
     * @param entry the entry, with when it is first due
     */
    void record(SessionClient entry);

    /**
     * The session's entry for the client.
     *
     * @param sessionId the session's public id
     * @param clientId the client
     * @return the entry, or empty
     */
    Optional<SessionClient> find(UUID sessionId, String clientId);

    /**
     * Marks the session's entries ended and due at {@code now}.
     *
     * @param sessionId the session that ended
     * @param now when it ended
     * @return how many entries were marked
     */
    int markEnded(UUID sessionId, Instant now);

    /**
     * Marks the entries of every session of the user but {@code keep} ended and due at {@code now}:
     * for when the user's sessions were ended together (sign out everywhere, a password change, the
     * user deleted).
     *
     * @param userId the user whose sessions ended
     * @param keep the session that stays signed in, if one does
     * @param now when they ended
     * @return how many entries were marked
     */
    int markUserEnded(UUID userId, Optional<UUID> keep, Instant now);

    /**
     * Entries due at {@code now}, earliest first.
     *
     * @param now the time of the look
     * @param limit the most to return
     * @return the due entries, possibly none
     */
    List<SessionClient> listDue(Instant now, int limit);

    /**
     * Replaces {@code seen} by {@code next} if the entry is still as it was seen (same due time,
     * ended flag and attempts): the compare-and-set by which one instance takes an entry, puts it
     * off, or counts a failed delivery.
     *
     * @param seen the entry as it was read
     * @param next the same session and client, with the new due time, flag and attempts
     * @return true when it was replaced; false when it changed or went meanwhile
     */
    boolean claim(SessionClient seen, SessionClient next);

    /**
     * Deletes the entry if it is still as it was seen: once the client was told, or can no longer be.
     *
     * @param seen the entry as it was read (or as {@link #claim} left it)
     * @return true when it was deleted; false when it changed or went meanwhile
     */
    boolean delete(SessionClient seen);
}
