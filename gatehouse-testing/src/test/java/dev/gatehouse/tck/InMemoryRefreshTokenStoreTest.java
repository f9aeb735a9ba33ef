package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryRefreshTokenStore;
import dev.gatehouse.core.spi.RefreshTokenStore;

import java.util.UUID;

class InMemoryRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @Override
    protected RefreshTokenStore newStore() {
        return new InMemoryRefreshTokenStore();
    }

    @Override
    protected UUID existingUser() {
        // The memory store keeps no users, so any id will do.
        return UUID.randomUUID();
    }
}
