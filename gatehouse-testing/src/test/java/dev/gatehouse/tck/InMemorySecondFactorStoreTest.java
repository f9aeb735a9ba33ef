package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemorySecondFactorStore;
import dev.gatehouse.core.spi.SecondFactorStore;

import java.util.UUID;

class InMemorySecondFactorStoreTest extends SecondFactorStoreContract {
    @Override
    protected SecondFactorStore newStore() {
        return new InMemorySecondFactorStore();
    }

    @Override
    protected UUID existingUser() {
        return UUID.randomUUID();
    }
}
