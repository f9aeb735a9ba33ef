package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.spi.RevocationStore;

class InMemoryRevocationStoreTest extends RevocationStoreContract {
    @Override
    protected RevocationStore newStore() {
        return new InMemoryRevocationStore();
    }
}
