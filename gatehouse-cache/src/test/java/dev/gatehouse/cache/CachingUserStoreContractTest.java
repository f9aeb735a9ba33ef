package dev.gatehouse.cache;

import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.spi.LocalEventFeed;
import dev.gatehouse.core.spi.UserStore;
import dev.gatehouse.tck.UserStoreContract;

/** The cache changes no answer of the store it fronts. */
class CachingUserStoreContractTest extends UserStoreContract {
    @Override
    protected UserStore newStore() {
        return new CachingUserStore(new InMemoryUserStore(), new LocalEventFeed(), CacheSettings.DEFAULT, clock);
    }
}
