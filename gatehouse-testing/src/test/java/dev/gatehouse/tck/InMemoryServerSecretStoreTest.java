package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryServerSecretStore;
import dev.gatehouse.core.spi.ServerSecretStore;

class InMemoryServerSecretStoreTest extends ServerSecretStoreContract {
    @Override
    protected ServerSecretStore newStore() {
        return new InMemoryServerSecretStore();
    }
}
