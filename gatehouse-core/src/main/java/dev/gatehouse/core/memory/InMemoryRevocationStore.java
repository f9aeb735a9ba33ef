package dev.gatehouse.core.memory;

import dev.gatehouse.core.spi.RevocationStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Access-token revocations in process memory ({@code STORE=memory}): gone when the process stops. */
public final class InMemoryRevocationStore implements RevocationStore {
    private final Map<String, Instant> jtiExpiries = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> notBefore = new ConcurrentHashMap<>();

    /** An empty store: nothing revoked. */
    public InMemoryRevocationStore() {
    }

    @Override
    public void revokeJti(String jti, Instant expiresAt) {
        jtiExpiries.merge(jti, expiresAt, InMemoryRevocationStore::later);
    }

    @Override
    public boolean isJtiRevoked(String jti, Instant now) {
        Instant expiry = jtiExpiries.get(jti);
        return expiry != null && now.isBefore(expiry);
    }

    @Override
    public void setUserNotBefore(UUID userId, Instant instant) {
        notBefore.merge(userId, instant, InMemoryRevocationStore::later);
    }

    @Override
    public Optional<Instant> userNotBefore(UUID userId) {
        return Optional.ofNullable(notBefore.get(userId));
    }

    @Override
    public int deleteExpired(Instant now) {
        int deleted = 0;
        for (Map.Entry<String, Instant> entry : List.copyOf(jtiExpiries.entrySet())) {
            // Removes only the entry seen; one lengthened meanwhile stays.
            if (!now.isBefore(entry.getValue()) && jtiExpiries.remove(entry.getKey(), entry.getValue())) {
                deleted++;
            }
        }
        return deleted;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
