package dev.gatehouse.core.keys;

import dev.gatehouse.core.spi.KeyState;

import java.time.Instant;
import java.util.Objects;

/**
 * A key on the ring with its state and the two times rotation decides by.
 *
 * @param key        the key, private part included while it signs or may sign
 * @param state      where the key is in its life
 * @param createdAt  when the key was made and first published (as NEXT); it may sign only once
 *                   remote JWKS caches have had time to fetch it
 * @param stateSince when it entered {@code state}; for a RETIRED key, when it stopped signing
 */
public record RingKey(SigningKey key, KeyState state, Instant createdAt, Instant stateSince) {
    /**
     * Refuses a missing component, and a state entered before the key was made.
     *
     * @throws IllegalArgumentException when {@code stateSince} is before {@code createdAt}
     */
    public RingKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(stateSince, "stateSince");
        if (stateSince.isBefore(createdAt)) {
            throw new IllegalArgumentException("a key cannot change state before it exists: " + key.kid());
        }
    }

    /**
     * The key's id.
     *
     * @return the kid tokens name in their header
     */
    public String kid() {
        return key.kid();
    }

    RingKey becoming(KeyState newState, Instant now) {
        return new RingKey(key, newState, createdAt, now);
    }
}
