package dev.gatehouse.core.spi;

import dev.gatehouse.core.secrets.ServerSecrets;

import java.util.Optional;

/**
 * Where a server keeps secrets it generates once and must find again after a restart (the token
 * service's HMAC key, for example). Several instances may share one store and start at the same
 * moment, so the only way to write is {@link #insertIfAbsent}: the first writer wins and every
 * instance then reads the winner's value. A secret is never overwritten.
 */
public interface ServerSecretStore {
    /**
     * The stored value of {@code name}, or empty when there is none yet. Each call returns a fresh copy.
     *
     * @param name the secret's name, as {@link ServerSecrets#requireName} allows
     * @return a copy of the value, or empty
     */
    Optional<byte[]> find(String name);

    /**
     * Stores {@code value} under {@code name} unless a value is already stored there, atomically:
     * of two concurrent calls for one name, exactly one returns true.
     *
     * @return true when this call stored the value, false when another value was already there
     * @param name the secret's name, as {@link ServerSecrets#requireName} allows
     * @param value the value to store; the store keeps its own copy
     */
    boolean insertIfAbsent(String name, byte[] value);
}
