package dev.gatehouse.core.memory;

import dev.gatehouse.core.spi.RefreshToken;
import dev.gatehouse.core.spi.RefreshTokenStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Refresh tokens in process memory ({@code STORE=memory}): gone when the process stops. */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {
    private final Map<UUID, RefreshToken> byId = new ConcurrentHashMap<>();
    private final Map<String, UUID> byTokenHash = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryRefreshTokenStore() {
    }

    @Override
    public synchronized void insert(RefreshToken token) {
        if (byId.containsKey(token.id()) || byTokenHash.containsKey(token.tokenHash())) {
            throw new IllegalStateException("refresh token id or token hash collision: a token was issued twice");
        }
        byTokenHash.put(token.tokenHash(), token.id());
        byId.put(token.id(), token);
    }

    @Override
    public Optional<RefreshToken> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(byTokenHash.get(tokenHash)).map(byId::get);
    }

    @Override
    public Optional<RefreshToken> findById(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public boolean markSpent(UUID id, Instant spentAt, UUID replacedBy) {
        while (true) {
            RefreshToken current = byId.get(id);
            if (current == null || current.state() != RefreshToken.State.ACTIVE) {
                return false;
            }
            // Compare-and-set: of concurrent callers that all saw it active, only one replaces it.
            if (byId.replace(id, current, current.spent(spentAt, replacedBy))) {
                return true;
            }
        }
    }

    @Override
    public int revokeFamily(UUID familyId) {
        return revokeWhere(t -> t.familyId().equals(familyId));
    }

    @Override
    public int revokeAllForUser(UUID userId) {
        return revokeWhere(t -> t.userId().equals(userId));
    }

    @Override
    public int revokeForSession(UUID sessionId) {
        return revokeWhere(t -> t.sessionId().filter(sessionId::equals).isPresent());
    }

    @Override
    public List<RefreshToken> listFamily(UUID familyId) {
        return byId.values().stream().filter(t -> t.familyId().equals(familyId))
                .sorted(Comparator.comparing(RefreshToken::issuedAt).thenComparing(t -> t.id().toString())).toList();
    }

    @Override
    public long countActive(Instant now) {
        return byId.values().stream().filter(t -> t.state() == RefreshToken.State.ACTIVE && !t.isExpiredAt(now)).count();
    }

    @Override
    public int deleteExpired(Instant now) {
        int deleted = 0;
        for (RefreshToken t : List.copyOf(byId.values())) {
            boolean familyOver = !now.isBefore(t.familyExpiresAt());
            boolean over = t.state() != RefreshToken.State.SPENT && t.isExpiredAt(now);
            if ((familyOver || over) && delete(t.id())) {
                deleted++;
            }
        }
        return deleted;
    }

    private synchronized boolean delete(UUID id) {
        RefreshToken removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        byTokenHash.remove(removed.tokenHash());
        return true;
    }

    private int revokeWhere(Predicate<RefreshToken> condition) {
        int revoked = 0;
        for (RefreshToken t : List.copyOf(byId.values())) {
            if (condition.test(t) && revokeIfActive(t.id())) {
                revoked++;
            }
        }
        return revoked;
    }

    private boolean revokeIfActive(UUID id) {
        boolean[] changed = {false};
        byId.computeIfPresent(id, (k, t) -> {
            if (t.state() != RefreshToken.State.ACTIVE) {
                return t;
            }
            changed[0] = true;
            return t.revoked();
        });
        return changed[0];
    }
}
