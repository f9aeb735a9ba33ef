package dev.gatehouse.core.memory;

import dev.gatehouse.core.client.Client;
import dev.gatehouse.core.spi.ClientStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Registered clients in this process's memory, ordered by id. */
public final class InMemoryClientStore implements ClientStore {
    private final ConcurrentSkipListMap<String, Client> byId = new ConcurrentSkipListMap<>();

    /** An empty store. */
    public InMemoryClientStore() {
    }

    @Override
    public boolean insert(Client client) {
        return byId.putIfAbsent(client.id(), client) == null;
    }

    @Override
    public Optional<Client> findById(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Client> list() {
        return List.copyOf(byId.values());
    }

    @Override
    public boolean update(Client client, Instant readAt) {
        boolean[] replaced = {false};
        // The creation time is fixed at registration, as the contract says.
        byId.computeIfPresent(client.id(), (id, stored) -> !stored.updatedAt().equals(readAt) ? stored : replaced(new Client(id, client.name(), client.type(), client.secretHash(), client.jwks(),
                client.redirectUris(), client.postLogoutRedirectUris(), client.backchannelLogoutUri(), client.scopes(), client.grants(),
                client.firstParty(), client.selfRegistered(), client.accessTokenTtl(), client.refreshTokenTtl(), stored.createdAt(), client.updatedAt()), replaced));
        return replaced[0];
    }

    private static Client replaced(Client client, boolean[] replaced) {
        replaced[0] = true;
        return client;
    }

    @Override
    public boolean delete(String id) {
        return byId.remove(id) != null;
    }
}
