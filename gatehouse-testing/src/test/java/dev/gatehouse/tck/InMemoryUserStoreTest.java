package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryUserStore;
import dev.gatehouse.core.spi.UserStore;

class InMemoryUserStoreTest extends UserStoreContract {
    @Override
    protected UserStore newStore() {
        return new InMemoryUserStore();
    }
}
