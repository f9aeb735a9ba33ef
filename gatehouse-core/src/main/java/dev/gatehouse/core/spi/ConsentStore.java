package dev.gatehouse.core.spi;

import dev.gatehouse.core.client.Consent;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where users' consents to clients are kept (SPI). Thread-safe; one consent per user and client.
 * A store that knows users and clients ends a deleted user's or client's consents with them.
 */
public interface ConsentStore {
    /**
     * The user's consent to the client.
     *
     * @param userId the user
     * @param clientId the client
     * @return the consent, or empty when the user never allowed the client anything
     */
    Optional<Consent> find(UUID userId, String clientId);

    /**
     * Stores the consent, replacing the user's earlier consent to that client.
     *
     * @param consent the consent
     * @throws IllegalStateException when the store knows users and clients and either is missing
     */
    void save(Consent consent);

    /**
     * The user's consents, ordered by client id.
     *
     * @param userId the user
     * @return the consents, possibly none
     */
    List<Consent> listForUser(UUID userId);

    /**
     * Withdraws the user's consent to the client; the next sign-in to it asks again.
     *
     * @param userId the user
     * @param clientId the client
     * @return true when there was a consent
     */
    boolean delete(UUID userId, String clientId);

    /**
     * Withdraws every user's consent to the client: called when the client is deleted, so that a
     * client registered later under the same id starts with none.
     *
     * @param clientId the client
     * @return how many consents were withdrawn
     */
    int deleteAllForClient(String clientId);
}
