package dev.gatehouse.cache;

import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.spi.LocalEventFeed;
import dev.gatehouse.core.spi.RevocationStore;
import dev.gatehouse.tck.RevocationStoreContract;

/** The cache changes no answer of the store it fronts. */
class CachingRevocationStoreContractTest extends RevocationStoreContract {
    @Override
    protected RevocationStore newStore() {
        return new CachingRevocationStore(new InMemoryRevocationStore(), new LocalEventFeed(), CacheSettings.DEFAULT, clock);
    }
}
