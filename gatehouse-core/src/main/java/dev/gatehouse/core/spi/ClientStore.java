package dev.gatehouse.core.spi;

import dev.gatehouse.core.client.Client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the registered clients are kept (SPI). Implementations are thread-safe and keep every
 * field of a {@link Client} exactly as given, the order of its URIs included; a client id is
 * unique, which the store enforces atomically (two concurrent registrations of one id: exactly one
 * wins).
 */
public interface ClientStore {
    /**
     * Inserts the client; false (and nothing stored) when its id is taken.
     *
     * @param client the new client
     * @return true when stored, false when the id is taken
     */
    boolean insert(Client client);

    /**
     * The client with this id, compared exactly.
     *
     * @param id a client id
     * @return the client, or empty
     */
    Optional<Client> findById(String id);

    /**
     * Every client, ordered by id.
     *
     * @return the clients, possibly none
     */
    List<Client> list();

    /**
     * Replaces every field of an existing client but its id and creation time, if it has not
     * changed since it was read: its stored {@code updatedAt} is still {@code readAt}. Two admins
     * changing one client at once cannot then undo each other's change unseen (a rotated secret
     * written back to the leaked one, say).
     *
     * @param client the client with its new values, found by id; its {@code updatedAt} later than {@code readAt}
     * @param readAt the {@code updatedAt} of the client as it was read before the change
     * @return true when replaced; false when there is no such client or it changed meanwhile
     */
    boolean update(Client client, Instant readAt);

    /**
     * Deletes the client; false when absent.
     *
     * @param id the client's id
     * @return true when a client was deleted
     */
    boolean delete(String id);
}
