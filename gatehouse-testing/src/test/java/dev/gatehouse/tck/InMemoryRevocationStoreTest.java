package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.token.RevocationStore;

class InMemoryRevocationStoreTest extends RevocationStoreContract {
    @Override
    protected RevocationStore newStore() {
        return new InMemoryRevocationStore();
    }
}
