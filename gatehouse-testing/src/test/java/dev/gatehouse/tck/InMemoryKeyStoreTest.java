package dev.gatehouse.tck;

import dev.gatehouse.core.keys.KeyStore;
import dev.gatehouse.core.memory.InMemoryKeyStore;

class InMemoryKeyStoreTest extends KeyStoreContract {
    @Override
    protected KeyStore newStore() {
        return new InMemoryKeyStore();
    }
}
