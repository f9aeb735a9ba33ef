package dev.gatehouse.core.keys;

import dev.gatehouse.core.spi.KeyStore;
import dev.gatehouse.core.spi.StoredKeyRing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The live key ring of a running server: the current {@link KeyRing} snapshot behind an
 * {@link AtomicReference}, so verifiers read it without locks while {@link #rotateIfDue} swaps in
 * the next one. Every new ring is saved to the {@link KeyStore} before it is used, so a key is
 * never published or used for signing and then lost in a restart. The server calls
 * {@link #rotateIfDue} on a schedule (see {@link #delayUntilNextChange}); this class starts no threads.
 */
public final class KeyRotator implements VerificationKeys {
    private final KeyStore store;
    private final KeyRingCodec codec;
    private final KeyRotationPolicy policy;
    private final Supplier<SigningKey> newKeys;
    private final Clock clock;
    private final AtomicReference<KeyRing> current = new AtomicReference<>();
    private long generation;

    private KeyRotator(KeyStore store, KeyRingCodec codec, KeyRotationPolicy policy, Supplier<SigningKey> newKeys, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.newKeys = Objects.requireNonNull(newKeys, "newKeys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Loads the stored ring (and rotates it if it fell behind), or starts a new one with
     * {@code newKeys} and saves it. When the configured algorithm changes, {@code newKeys} makes
     * keys of the new one and the ring migrates at the next rotation.
     *
     * @param store   where the ring is kept; shared by the servers that must sign with the same key
     * @param codec   seals and opens the stored keys
     * @param policy  how the ring rotates
     * @param newKeys makes each new key
     * @param clock   the time rotation is judged by
     * @return the rotator, holding the current ring
     * @throws KeyRejectedException when stored keys cannot be decrypted or fail the key checks
     */
    public static KeyRotator open(KeyStore store, KeyRingCodec codec, KeyRotationPolicy policy, Supplier<SigningKey> newKeys, Clock clock) {
        KeyRotator rotator = new KeyRotator(store, codec, policy, newKeys, clock);
        if (!rotator.reload()) {
            KeyRing fresh = KeyRing.start(policy, clock.instant(), newKeys);
            if (store.save(codec.encode(fresh, 1))) {
                rotator.adopt(fresh, 1);
            } else if (!rotator.reload()) {
                throw new IllegalStateException("the key store refused the first ring but holds none");
            }
        }
        rotator.rotateIfDue();
        return rotator;
    }

    /**
     * The current snapshot.
     *
     * @return the ring in use, read without a lock
     */
    public KeyRing current() {
        return current.get();
    }

    /** Looks the kid up among keys that may verify now (RETIRED keys past their window excluded). */
    @Override
    public Optional<SigningKey> find(String kid) {
        return current.get().verificationKeys(clock.instant()).find(kid);
    }

    /**
     * Rotates when due, saving before swapping. If another server sharing the store saved first,
     * its ring is adopted instead, so all servers sign with the same key.
     *
     * @return the ring now in use
     */
    public synchronized KeyRing rotateIfDue() {
        KeyRing ring = current.get();
        KeyRing next = ring.rotate(clock.instant(), newKeys);
        if (next == ring) {
            return ring;
        }
        // Taken before saving: a store that announces the save may have this rotator refresh itself
        // (on this very thread) before save returns, moving the generation on.
        long nextGeneration = generation + 1;
        if (store.save(codec.encode(next, nextGeneration))) {
            adopt(next, nextGeneration);
        } else {
            reload();
        }
        return current.get();
    }

    /**
     * Rotates at once, whatever the schedule ({@link KeyRing#rotateNow}), and saves the ring; when
     * another writer saved first, its ring is read and the rotation is made on top of it.
     *
     * @return the ring now in use
     */
    public synchronized KeyRing rotateNow() {
        for (int attempt = 0; attempt < 10; attempt++) {
            KeyRing next = current.get().rotateNow(clock.instant(), newKeys);
            long nextGeneration = generation + 1;
            if (store.save(codec.encode(next, nextGeneration))) {
                adopt(next, nextGeneration);
                return next;
            }
            reload();
        }
        throw new IllegalStateException("the key ring kept changing under this rotation; try again");
    }

    /**
     * Reads the stored ring again and adopts it when another server saved a newer one (a rotation
     * or an import it did), so that every server signs with the same key and serves the same JWKS.
     */
    public synchronized void refresh() {
        Optional<StoredKeyRing> stored = store.load();
        if (stored.isPresent() && stored.get().generation() > generation) {
            adopt(codec.decode(stored.get(), policy), stored.get().generation());
        }
    }

    /**
     * How long until the ring next needs {@link #rotateIfDue}; empty when it never will.
     *
     * @return the delay, zero when a change is due already
     */
    public Optional<Duration> delayUntilNextChange() {
        Instant now = clock.instant();
        return current.get().nextChangeAt().map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }

    private synchronized boolean reload() {
        Optional<StoredKeyRing> stored = store.load();
        stored.ifPresent(s -> adopt(codec.decode(s, policy), s.generation()));
        return stored.isPresent();
    }

    private synchronized void adopt(KeyRing ring, long newGeneration) {
        generation = newGeneration;
        current.set(ring);
    }
}
