package dev.gatehouse.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One ring key as a {@link KeyStore} keeps it. {@code material} is opaque text made by
 * the library's key-ring codec: the key's JWK (with its private part), AES-256-GCM encrypted under the
 * master key when one is set, else plain. Stores save and return it unchanged.
 *
 * @param kid the key's id
 * @param algorithm the JWS name ({@code "ES256"})
 * @param state where the key is in its life
 * @param createdAt when the key was made
 * @param stateSince when it entered {@code state}
 * @param material the sealed or plain JWK; hidden from {@link #toString}
 */
public record StoredKey(String kid, String algorithm, KeyState state, Instant createdAt, Instant stateSince, String material) {
    /** Refuses a missing component. */
    public StoredKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(stateSince, "stateSince");
        Objects.requireNonNull(material, "material");
    }

    @Override
    public String toString() {
        return "StoredKey[kid=" + kid + ", algorithm=" + algorithm + ", state=" + state + "]";
    }
}
