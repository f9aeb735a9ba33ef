package dev.gatehouse.cache;

import dev.gatehouse.core.memory.InMemoryClientStore;
import dev.gatehouse.core.spi.ClientStore;
import dev.gatehouse.core.spi.LocalEventFeed;
import dev.gatehouse.core.support.MutableClock;
import dev.gatehouse.tck.ClientStoreContract;

/** The cache changes no answer of the store it fronts. */
class CachingClientStoreContractTest extends ClientStoreContract {
    @Override
    protected ClientStore newStore() {
        return new CachingClientStore(new InMemoryClientStore(), new LocalEventFeed(), CacheSettings.DEFAULT, MutableClock.atFixedStart());
    }
}
