package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryAuthorizationCodeStore;
import dev.gatehouse.core.spi.AuthorizationCodeStore;

class InMemoryAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {
    @Override
    protected AuthorizationCodeStore newStore() {
        return new InMemoryAuthorizationCodeStore();
    }
}
