package dev.gatehouse.core.secrets;

import dev.gatehouse.core.spi.ServerSecretStore;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Secrets that are random at first start and kept afterwards: an operator who sets nothing still
 * gets a key that no one else knows and that survives a restart (with a persistent store).
 */
public final class ServerSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerSecretStore store;

    /**
     * Secrets kept in {@code store}.
     *
     * @param store where secrets are kept; shared by the instances that must agree on them
     */
    public ServerSecrets(ServerSecretStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The secret stored as {@code name}; when there is none, a new one of {@code bytes} random
     * bytes is stored first. Instances racing to create it all return the one that was stored.
     *
     * @param name the secret's name, as {@link #requireName} allows
     * @param bytes the length of a new secret, and the least a stored one may have; at least 1
     * @return the secret's bytes
     * @throws IllegalArgumentException when the name is not allowed or {@code bytes} is below 1
     * @throws IllegalStateException when the stored secret is shorter than {@code bytes}: a key
     *         weaker than the caller needs is refused rather than used
     */
    public byte[] getOrCreate(String name, int bytes) {
        requireName(name);
        if (bytes < 1) {
            throw new IllegalArgumentException("a secret has at least one byte");
        }
        byte[] stored = store.find(name).orElseGet(() -> {
            byte[] fresh = new byte[bytes];
            RANDOM.nextBytes(fresh);
            if (store.insertIfAbsent(name, fresh)) {
                return fresh;
            }
            // Another instance stored its secret between our find and our insert: use that one.
            return store.find(name).orElseThrow(() -> new IllegalStateException(
                    "the server secret '" + name + "' was reported present but cannot be read"));
        });
        if (stored.length < bytes) {
            throw new IllegalStateException("the stored server secret '" + name + "' has " + stored.length
                    + " bytes, fewer than the " + bytes + " needed");
        }
        return stored;
    }

    /**
     * Names are short identifiers such as {@code token_service_secret}.
     *
     * @param name the name to check
     * @return the name, unchanged
     * @throws IllegalArgumentException unless it is 1 to 100 of {@code a-z 0-9 _ . -}
     */
    public static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("a server secret name is 1 to 100 of a-z 0-9 _ . -");
        }
        return name;
    }
}
