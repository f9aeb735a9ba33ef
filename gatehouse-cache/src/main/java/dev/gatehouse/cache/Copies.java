package dev.gatehouse.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalListener;
import dev.gatehouse.core.spi.EventFeed;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Copies of store records, trusted only while the event feed is live and for at most
 * {@link CacheSettings#maxStale}. The one subtle part: a record read from the store while an
 * event about it arrives must not be kept, or the event would be undone by the late put. Every
 * forgetting bumps an epoch; a read puts its result only if the epoch did not move meanwhile.
 */
final class Copies<K, V> {
    private final Cache<K, V> cache;
    private final EventFeed feed;
    private final AtomicLong epoch = new AtomicLong();

    Copies(CacheSettings settings, Clock clock, EventFeed feed, RemovalListener<K, V> onRemoval) {
        this.feed = feed;
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.maxStale())
                .ticker(() -> nanos(clock.instant()))
                .removalListener(onRemoval)
                .executor(Runnable::run)
                .build();
    }

    /** The copy, or what {@code load} reads from the store (kept when nothing was forgotten meanwhile). */
    Optional<V> get(K key, Predicate<V> stillGood, Supplier<Optional<V>> load) {
        return get(key, stillGood, load, value -> { });
    }

    /**
     * As {@link #get(Object, Predicate, Supplier)}, calling {@code beforeKeeping} with a value read
     * from the store just before it is kept, and only then: an index of the kept copies stays in
     * step with them (the removal listener undoes it when the copy goes).
     */
    Optional<V> get(K key, Predicate<V> stillGood, Supplier<Optional<V>> load, Consumer<V> beforeKeeping) {
        if (!feed.live()) {
            // Unheard events may have made any copy stale: go to the store, keep nothing. The copies
            // held are dropped once, by the Resync the feed raises when it is back.
            return load.get();
        }
        V copy = cache.getIfPresent(key);
        if (copy != null && stillGood.test(copy)) {
            return Optional.of(copy);
        }
        long before = epoch.get();
        Optional<V> loaded = load.get();
        if (loaded.isPresent() && feed.live() && epoch.get() == before) {
            beforeKeeping.accept(loaded.get());
            cache.put(key, loaded.get());
            if (epoch.get() != before) {
                // Something was forgotten between the check and the put: this copy may be what it meant.
                cache.invalidate(key);
            }
        }
        return loaded;
    }

    /** Replaces a copy that is held (after a write through this instance). */
    void replaceIfPresent(K key, UnaryOperator<V> change) {
        epoch.incrementAndGet();
        cache.asMap().computeIfPresent(key, (k, v) -> change.apply(v));
    }

    void forget(K key) {
        epoch.incrementAndGet();
        cache.invalidate(key);
    }

    void forgetIf(Predicate<V> condition) {
        epoch.incrementAndGet();
        cache.asMap().values().removeIf(condition);
    }

    void forgetAll() {
        epoch.incrementAndGet();
        cache.invalidateAll();
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
