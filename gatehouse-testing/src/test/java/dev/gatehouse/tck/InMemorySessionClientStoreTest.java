package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemorySessionClientStore;
import dev.gatehouse.core.spi.SessionClientStore;

class InMemorySessionClientStoreTest extends SessionClientStoreContract {
    @Override
    protected SessionClientStore newStore() {
        return new InMemorySessionClientStore();
    }

    @Override
    protected String existingClient(String id) {
        return id;
    }
}
