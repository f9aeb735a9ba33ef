package dev.gatehouse.core.internal.support;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map of at most {@code maxEntries} values, each kept until its own expiry instant on the
 * injected clock. Reads take no lock: a hit is a hash-map lookup. Writes are serialised, so the
 * bound holds exactly even when many threads write at once; when the map is full, a write first
 * drops the expired entries and then, if still full, about a tenth of the rest (arbitrary ones:
 * a cache that forgets too much only costs a recomputation, never a wrong answer).
 *
 * <p>Meant for caches of the result of expensive checks; callers decide what a value is allowed
 * to say and re-check what must stay exact. Keys should be hashes, never secrets.
 *
 * @param <V> the cached value
 */
public final class BoundedExpiringCache<V> {
    private record Entry<V>(V value, Instant expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Clock clock;

    /**
     * An empty cache.
     *
     * @param maxEntries the bound, at least 1
     * @param clock      the time entries expire by
     * @throws IllegalArgumentException when {@code maxEntries} is below 1
     */
    public BoundedExpiringCache(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The value under {@code key} while now is before its expiry; an expired entry is dropped.
     *
     * @param key the key
     * @return the value, or empty when absent or expired
     */
    public Optional<V> get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /**
     * Keeps {@code value} until {@code expiresAt}; a value already expired is not kept.
     *
     * @param key the key, replacing any value under it
     * @param value the value; not null
     * @param expiresAt the instant the value stops being served
     */
    public synchronized void put(String key, V value, Instant expiresAt) {
        Objects.requireNonNull(value, "value");
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            return;
        }
        if (!entries.containsKey(key) && entries.size() >= maxEntries) {
            makeRoom(now);
        }
        entries.put(key, new Entry<>(value, expiresAt));
    }

    /**
     * Forgets the value under {@code key}, if any.
     *
     * @param key the key
     */
    public void remove(String key) {
        entries.remove(key);
    }

    /**
     * How many entries are held now, expired ones not yet dropped included.
     *
     * @return the number of entries
     */
    public int size() {
        return entries.size();
    }

    /**
     * The most entries held at once.
     *
     * @return the bound
     */
    public int maxEntries() {
        return maxEntries;
    }

    private void makeRoom(Instant now) {
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
        int target = maxEntries - Math.max(1, maxEntries / 10);
        Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
        while (entries.size() > target && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
