package dev.gatehouse.core.spi;

import java.util.List;

/**
 * A ring's keys as stored, with a generation that grows by one with every save. Servers sharing
 * a store use it to agree on one rotation: only the save that names the current generation wins.
 *
 * @param generation the save this ring came from: 1 for the first, one more for each after
 * @param keys the ring's keys; copied
 */
public record StoredKeyRing(long generation, List<StoredKey> keys) {
    /**
     * Copies the keys, refusing a generation below 1.
     *
     * @throws IllegalArgumentException when {@code generation} is below 1
     */
    public StoredKeyRing {
        if (generation < 1) {
            throw new IllegalArgumentException("a stored ring's generation starts at 1");
        }
        keys = List.copyOf(keys);
    }
}
