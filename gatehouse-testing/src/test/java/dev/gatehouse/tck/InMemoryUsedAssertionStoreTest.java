package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryUsedAssertionStore;
import dev.gatehouse.core.spi.UsedAssertionStore;

class InMemoryUsedAssertionStoreTest extends UsedAssertionStoreContract {
    @Override
    protected UsedAssertionStore newStore() {
        return new InMemoryUsedAssertionStore();
    }
}
