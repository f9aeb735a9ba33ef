package dev.gatehouse.core.keys;

import dev.gatehouse.core.spi.KeyStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Where the keys that sign access tokens come from. */
public sealed interface KeySource {
    /**
     * The algorithm every key of the source signs with.
     *
     * @return the algorithm
     */
    SigningAlgorithm algorithm();

    /**
     * A private key in a PEM file, which the operator keeps and rotates. When the public key's file
     * is given too, the two must be a pair, so that a key swapped on one side is refused at start
     * rather than signing tokens nobody can verify.
     *
     * @param algorithm the algorithm the key signs with; an asymmetric one
     * @param privateKey the private key's PEM file
     * @param publicKey the public key's PEM file, checked against the private key; empty to derive it
     */
    record PemFiles(SigningAlgorithm algorithm, Path privateKey, Optional<Path> publicKey) implements KeySource {
        /** Refuses a missing component. */
        public PemFiles {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /**
     * A shared HMAC secret (HS256, HS384, HS512). Whoever can verify a token can also sign one, so
     * only services as trusted as Gatehouse itself may hold it. Never shown by {@link #toString}.
     *
     * @param algorithm HS256, HS384 or HS512
     * @param secret the secret, at least as many UTF-8 bytes as the hash has output
     */
    record SharedSecret(SigningAlgorithm algorithm, String secret) implements KeySource {
        /** Refuses a missing component. */
        public SharedSecret {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "SharedSecret[algorithm=" + algorithm + ", secret=****]";
        }
    }

    /**
     * Keys Gatehouse generates, keeps in its {@link KeyStore} and rotates every
     * {@code rotateInterval} ({@link Duration#ZERO}: never), old keys verifying until the tokens
     * they signed expire. With a master key the private keys are stored encrypted, so that a copy
     * of the database alone cannot sign tokens.
     *
     * @param algorithm the algorithm new keys are made for
     * @param rotateInterval how long each key signs; {@link Duration#ZERO} for never
     * @param masterKey the key that encrypts private keys in the store; empty to store them in the clear
     */
    record Generated(SigningAlgorithm algorithm, Duration rotateInterval, Optional<MasterKey> masterKey) implements KeySource {
        /**
         * Refuses a missing component and a negative interval.
         *
         * @throws IllegalArgumentException when {@code rotateInterval} is negative
         */
        public Generated {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(rotateInterval, "rotateInterval");
            Objects.requireNonNull(masterKey, "masterKey");
            if (rotateInterval.isNegative()) {
                throw new IllegalArgumentException("rotateInterval must not be negative");
            }
        }
    }
}
