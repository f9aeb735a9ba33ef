package dev.gatehouse.core.memory;

import dev.gatehouse.core.session.SessionClient;
import dev.gatehouse.core.spi.SessionClientStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** The clients of each session in this process's memory. */
public final class InMemorySessionClientStore implements SessionClientStore {
    private record Key(UUID sessionId, String clientId) {
        static Key of(SessionClient entry) {
            return new Key(entry.sessionId(), entry.clientId());
        }
    }

    private final ConcurrentHashMap<Key, SessionClient> entries = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemorySessionClientStore() {
    }

    @Override
    public void record(SessionClient entry) {
        entries.merge(Key.of(entry), entry, (old, recorded) -> new SessionClient(old.sessionId(), old.clientId(), old.userId(),
                old.checkAt().isBefore(recorded.checkAt()) ? old.checkAt() : recorded.checkAt(), old.ended() || recorded.ended(),
                old.attempts()));
    }

    @Override
    public Optional<SessionClient> find(UUID sessionId, String clientId) {
        return Optional.ofNullable(entries.get(new Key(sessionId, clientId)));
    }

    @Override
    public int markEnded(UUID sessionId, Instant now) {
        return markWhere(entry -> entry.sessionId().equals(sessionId), now);
    }

    @Override
    public int markUserEnded(UUID userId, Optional<UUID> keep, Instant now) {
        return markWhere(entry -> entry.userId().equals(userId) && !keep.equals(Optional.of(entry.sessionId())), now);
    }

    private int markWhere(Predicate<SessionClient> which, Instant now) {
        int marked = 0;
        for (Key key : entries.keySet()) {
            // computeIfPresent runs the function once, under the entry's lock: the flag says what it did.
            boolean[] hit = {false};
            entries.computeIfPresent(key, (k, entry) -> {
                hit[0] = which.test(entry);
                return hit[0] ? new SessionClient(entry.sessionId(), entry.clientId(), entry.userId(), now, true, entry.attempts()) : entry;
            });
            if (hit[0]) {
                marked++;
            }
        }
        return marked;
    }

    @Override
    public List<SessionClient> listDue(Instant now, int limit) {
        return entries.values().stream().filter(entry -> entry.isDueAt(now))
                .sorted(Comparator.comparing(SessionClient::checkAt)).limit(limit).toList();
    }

    @Override
    public boolean claim(SessionClient seen, SessionClient next) {
        if (!Key.of(seen).equals(Key.of(next))) {
            throw new IllegalArgumentException("a claim keeps the session and the client");
        }
        return entries.replace(Key.of(seen), seen, next);
    }

    @Override
    public boolean delete(SessionClient seen) {
        return entries.remove(Key.of(seen), seen);
    }
}
