package dev.gatehouse.core.internal.token;

import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Passes every call on; tests override one method to put another caller's step in between. */
class DelegatingStore implements RefreshTokenStore {
    private final RefreshTokenStore delegate;

    DelegatingStore(RefreshTokenStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void insert(RefreshToken token) {
        delegate.insert(token);
    }

    @Override
    public Optional<RefreshToken> findByTokenHash(String tokenHash) {
        return delegate.findByTokenHash(tokenHash);
    }

    @Override
    public Optional<RefreshToken> findById(UUID id) {
        return delegate.findById(id);
    }

    @Override
    public boolean markSpent(UUID id, Instant spentAt, UUID replacedBy) {
        return delegate.markSpent(id, spentAt, replacedBy);
    }

    @Override
    public int revokeFamily(UUID familyId) {
        return delegate.revokeFamily(familyId);
    }

    @Override
    public int revokeAllForUser(UUID userId) {
        return delegate.revokeAllForUser(userId);
    }

    @Override
    public int revokeForSession(UUID sessionId) {
        return delegate.revokeForSession(sessionId);
    }

    @Override
    public List<RefreshToken> listFamily(UUID familyId) {
        return delegate.listFamily(familyId);
    }

    @Override
    public long countActive(Instant now) {
        return delegate.countActive(now);
    }

    @Override
    public int deleteExpired(Instant now) {
        return delegate.deleteExpired(now);
    }
}
