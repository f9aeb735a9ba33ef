package dev.gatehouse.core.memory;

import dev.gatehouse.core.session.Session;
import dev.gatehouse.core.spi.SessionStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in process memory ({@code STORE=memory}): gone when the process stops. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<UUID, Session> byId = new ConcurrentHashMap<>();
    private final Map<String, UUID> byTokenHash = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemorySessionStore() {
    }

    @Override
    public synchronized void insert(Session session) {
        if (byId.containsKey(session.id()) || byTokenHash.containsKey(session.tokenHash())) {
            throw new IllegalStateException("session id or token hash collision: a session was issued twice");
        }
        byTokenHash.put(session.tokenHash(), session.id());
        byId.put(session.id(), session);
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(byTokenHash.get(tokenHash)).map(byId::get);
    }

    @Override
    public Optional<Session> findById(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public boolean touch(UUID id, Instant lastSeenAt, Optional<Instant> idleExpiry) {
        return byId.computeIfPresent(id, (k, s) -> s.seenAt(lastSeenAt, idleExpiry)) != null;
    }

    @Override
    public boolean delete(UUID id) {
        Session removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        byTokenHash.remove(removed.tokenHash());
        return true;
    }

    @Override
    public int deleteAllForUser(UUID userId) {
        return deleteWhere(s -> s.userId().equals(userId));
    }

    @Override
    public int deleteAllForUserExcept(UUID userId, UUID keep) {
        return deleteWhere(s -> s.userId().equals(userId) && !s.id().equals(keep));
    }

    @Override
    public List<Session> listForUser(UUID userId) {
        return byId.values().stream().filter(s -> s.userId().equals(userId))
                .sorted(Comparator.comparing(Session::createdAt).reversed().thenComparing(s -> s.id().toString())).toList();
    }

    @Override
    public long countLive(Instant now) {
        return byId.values().stream().filter(s -> s.isLiveAt(now)).count();
    }

    @Override
    public int deleteExpired(Instant now) {
        return deleteWhere(s -> !s.isLiveAt(now));
    }

    private int deleteWhere(java.util.function.Predicate<Session> condition) {
        int deleted = 0;
        for (Session s : List.copyOf(byId.values())) {
            if (condition.test(s) && delete(s.id())) {
                deleted++;
            }
        }
        return deleted;
    }
}
