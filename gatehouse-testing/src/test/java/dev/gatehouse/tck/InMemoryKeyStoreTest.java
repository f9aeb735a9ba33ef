package dev.gatehouse.tck;

import dev.gatehouse.core.memory.InMemoryKeyStore;
import dev.gatehouse.core.spi.KeyStore;

class InMemoryKeyStoreTest extends KeyStoreContract {
    @Override
    protected KeyStore newStore() {
        return new InMemoryKeyStore();
    }
}
