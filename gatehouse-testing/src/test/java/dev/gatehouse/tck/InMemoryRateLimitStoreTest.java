package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryRateLimitStore;
import dev.gatehouse.core.spi.RateLimitStore;

class InMemoryRateLimitStoreTest extends RateLimitStoreContract {
    @Override
    protected RateLimitStore newStore() {
        return new InMemoryRateLimitStore();
    }
}
