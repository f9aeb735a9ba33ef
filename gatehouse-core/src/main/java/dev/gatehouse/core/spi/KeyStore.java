package dev.gatehouse.core.spi;

import java.util.Optional;

/**
 * Where Gatehouse keeps the keys it generates and rotates (SPI). Implementations store the
 * {@link StoredKey} fields as given; they never see a key in the clear when a master key is set.
 * Faults are reported as {@link dev.gatehouse.core.spi.StoreUnavailableException}.
 */
public interface KeyStore {
    /**
     * The stored ring, or empty before the first save.
     *
     * @return the ring as last saved, or empty
     */
    Optional<StoredKeyRing> load();

    /**
     * Replaces the stored ring with {@code ring} if the stored generation is still
     * {@code ring.generation() - 1} (0 meaning nothing stored yet), atomically.
     *
     * @param ring the ring to save, its generation one past the stored one
     * @return false when another writer saved first; the caller reloads and decides again
     */
    boolean save(StoredKeyRing ring);
}
