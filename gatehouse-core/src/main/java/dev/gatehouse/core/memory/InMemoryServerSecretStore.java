package dev.gatehouse.core.memory;

import dev.gatehouse.core.secrets.ServerSecrets;
import dev.gatehouse.core.spi.ServerSecretStore;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Server secrets in process memory ({@code STORE=memory}): new ones at every start. */
public final class InMemoryServerSecretStore implements ServerSecretStore {
    private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryServerSecretStore() {
    }

    @Override
    public Optional<byte[]> find(String name) {
        return Optional.ofNullable(secrets.get(ServerSecrets.requireName(name))).map(byte[]::clone);
    }

    @Override
    public boolean insertIfAbsent(String name, byte[] value) {
        Objects.requireNonNull(value, "value");
        return secrets.putIfAbsent(ServerSecrets.requireName(name), value.clone()) == null;
    }
}
