package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryRefreshTokenStore;
import dev.gatehouse.core.memory.InMemoryRevocationStore;
import dev.gatehouse.core.memory.InMemorySessionStore;
import dev.gatehouse.core.memory.InMemoryUserStore;

class InMemoryAccountRulesTest extends AccountRulesContract {
    @Override
    protected Stores newStores() {
        return new Stores(new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryRefreshTokenStore(), new InMemoryRevocationStore());
    }
}
