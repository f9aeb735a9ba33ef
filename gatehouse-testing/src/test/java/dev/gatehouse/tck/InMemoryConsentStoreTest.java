package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryConsentStore;
import dev.gatehouse.core.spi.ConsentStore;

import java.util.UUID;

class InMemoryConsentStoreTest extends ConsentStoreContract {
    @Override
    protected ConsentStore newStore() {
        return new InMemoryConsentStore();
    }

    @Override
    protected UUID existingUser() {
        return UUID.randomUUID();
    }

    @Override
    protected String existingClient(String id) {
        return id;
    }
}
