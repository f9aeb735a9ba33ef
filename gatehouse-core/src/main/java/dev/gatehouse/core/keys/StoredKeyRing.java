package dev.gatehouse.core.keys;

import java.util.List;

/**
 * A ring's keys as stored, with a generation that grows by one with every save. Servers sharing
 * a store use it to agree on one rotation: only the save that names the current generation wins.
 */
public record StoredKeyRing(long generation, List<StoredKey> keys) {
    public StoredKeyRing {
        if (generation < 1) {
            throw new IllegalArgumentException("a stored ring's generation starts at 1");
        }
        keys = List.copyOf(keys);
    }
}
