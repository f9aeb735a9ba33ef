package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.spi.SessionStore;

import java.util.UUID;

class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new InMemorySessionStore();
    }

    @Override
    protected UUID existingUser() {
        // The memory store keeps no users, so any id will do.
        return UUID.randomUUID();
    }
}
