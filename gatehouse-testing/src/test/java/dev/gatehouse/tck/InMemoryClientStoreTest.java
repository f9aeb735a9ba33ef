package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryClientStore;
import dev.gatehouse.core.spi.ClientStore;

class InMemoryClientStoreTest extends ClientStoreContract {
    @Override
    protected ClientStore newStore() {
        return new InMemoryClientStore();
    }
}
