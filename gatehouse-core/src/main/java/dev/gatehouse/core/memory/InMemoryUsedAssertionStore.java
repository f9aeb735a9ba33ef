package dev.gatehouse.core.memory;

import dev.gatehouse.core.spi.UsedAssertionStore;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** The used client assertions in this process's memory. */
public final class InMemoryUsedAssertionStore implements UsedAssertionStore {
    private final ConcurrentHashMap<String, Instant> expiryById = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryUsedAssertionStore() {
    }

    @Override
    public boolean markUsed(String idHash, Instant expiresAt) {
        return expiryById.putIfAbsent(idHash, expiresAt) == null;
    }

    @Override
    public int deleteExpired(Instant before) {
        int size = expiryById.size();
        expiryById.values().removeIf(expiry -> expiry.isBefore(before));
        return size - expiryById.size();
    }
}
