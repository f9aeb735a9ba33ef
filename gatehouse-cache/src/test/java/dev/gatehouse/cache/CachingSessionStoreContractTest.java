package dev.gatehouse.cache;

import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.spi.LocalEventFeed;
import dev.gatehouse.core.spi.SessionStore;
import dev.gatehouse.tck.SessionStoreContract;

import java.util.UUID;

/** The cache changes no answer of the store it fronts. */
class CachingSessionStoreContractTest extends SessionStoreContract {
    @Override
    protected SessionStore newStore() {
        return new CachingSessionStore(new InMemorySessionStore(), new LocalEventFeed(), CacheSettings.DEFAULT, clock);
    }

    @Override
    protected UUID existingUser() {
        return UUID.randomUUID();
    }
}
