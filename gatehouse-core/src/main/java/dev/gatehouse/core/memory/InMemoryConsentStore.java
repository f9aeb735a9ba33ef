package dev.gatehouse.core.memory;

import dev.gatehouse.core.client.Consent;
import dev.gatehouse.core.spi.ConsentStore;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Consents in this process's memory. */
public final class InMemoryConsentStore implements ConsentStore {
    private record Key(UUID userId, String clientId) {
    }

    private final ConcurrentHashMap<Key, Consent> byUserAndClient = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryConsentStore() {
    }

    @Override
    public Optional<Consent> find(UUID userId, String clientId) {
        return Optional.ofNullable(byUserAndClient.get(new Key(userId, clientId)));
    }

    @Override
    public void save(Consent consent) {
        byUserAndClient.put(new Key(consent.userId(), consent.clientId()), consent);
    }

    @Override
    public List<Consent> listForUser(UUID userId) {
        return byUserAndClient.values().stream().filter(consent -> consent.userId().equals(userId))
                .sorted(Comparator.comparing(Consent::clientId)).toList();
    }

    @Override
    public boolean delete(UUID userId, String clientId) {
        return byUserAndClient.remove(new Key(userId, clientId)) != null;
    }

    @Override
    public int deleteAllForClient(String clientId) {
        int before = byUserAndClient.size();
        byUserAndClient.keySet().removeIf(key -> key.clientId().equals(clientId));
        return before - byUserAndClient.size();
    }
}
