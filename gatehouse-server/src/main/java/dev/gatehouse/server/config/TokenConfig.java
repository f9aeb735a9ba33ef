package dev.gatehouse.server.config;

import dev.gatehouse.core.keys.KeySource;
import dev.gatehouse.core.keys.MasterKey;
import dev.gatehouse.core.keys.SigningAlgorithm;
import dev.gatehouse.core.secrets.Secret;
import dev.gatehouse.core.token.AccessTokenSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of access and refresh tokens and their keys.
 *
 * <p>Where the signing key comes from, in order: {@code JWT_PRIVATE_KEY_FILE} (PEM, with
 * {@code JWT_PUBLIC_KEY_FILE} checked against it), {@code JWT_SECRET} (HS* only), or keys that
 * Gatehouse generates, keeps in its store and rotates every {@code rotateInterval}.
 *
 * @param issuer {@code iss} of issued tokens; empty means the server's own URL
 * @param audience {@code aud} of issued tokens, and the only audience accepted
 * @param rotateInterval {@link Duration#ZERO} turns rotation of generated keys off
 * @param masterKey encrypts generated private keys at rest (base64 of 32 bytes)
 */
public record TokenConfig(
        SigningAlgorithm algorithm,
        Duration accessTtl,
        Duration refreshTtl,
        Duration rotateInterval,
        Optional<Path> privateKeyFile,
        Optional<Path> publicKeyFile,
        Optional<Secret> secret,
        Optional<String> issuer,
        String audience,
        Optional<Secret> masterKey) {

    public TokenConfig {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(accessTtl, "accessTtl");
        Objects.requireNonNull(refreshTtl, "refreshTtl");
        Objects.requireNonNull(rotateInterval, "rotateInterval");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(publicKeyFile, "publicKeyFile");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(masterKey, "masterKey");
    }

    /** True when keys are generated and kept by Gatehouse (neither a PEM file nor a secret is given). */
    public boolean generatesKeys() {
        return privateKeyFile.isEmpty() && secret.isEmpty();
    }

    /** The keys these settings name: a PEM file first, then a secret, else generated keys. */
    public KeySource keySource() {
        if (privateKeyFile.isPresent()) {
            return new KeySource.PemFiles(algorithm, privateKeyFile.get(), publicKeyFile);
        }
        if (secret.isPresent()) {
            return new KeySource.SharedSecret(algorithm, secret.get().value());
        }
        return new KeySource.Generated(algorithm, rotateInterval, masterKey.map(Secret::value).map(MasterKey::parse));
    }

    /** @param ownUrl the {@code iss} when none is set: the server's own URL */
    public AccessTokenSettings accessTokenSettings(String ownUrl) {
        return new AccessTokenSettings(issuer.orElse(ownUrl), audience, accessTtl);
    }
}
