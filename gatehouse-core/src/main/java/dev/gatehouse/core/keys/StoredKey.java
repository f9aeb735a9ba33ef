package dev.gatehouse.core.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * One ring key as a {@link KeyStore} keeps it. {@code material} is opaque text made by
 * {@link KeyRingCodec}: the key's JWK (with its private part), AES-256-GCM encrypted under the
 * master key when one is set, else plain. Stores save and return it unchanged.
 *
 * @param algorithm the JWS name ({@code "ES256"})
 */
public record StoredKey(String kid, String algorithm, KeyState state, Instant createdAt, Instant stateSince, String material) {
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
