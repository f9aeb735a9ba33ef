package dev.gatehouse.core.authn;

import dev.gatehouse.core.config.Secret;
import dev.gatehouse.core.config.TokenConfig;
import dev.gatehouse.core.keys.HmacSecrets;
import dev.gatehouse.core.keys.KeyGenerator;
import dev.gatehouse.core.keys.KeyRing;
import dev.gatehouse.core.keys.KeyRingCodec;
import dev.gatehouse.core.keys.KeyRotationPolicy;
import dev.gatehouse.core.keys.KeyRotator;
import dev.gatehouse.core.keys.KeyStore;
import dev.gatehouse.core.keys.MasterKey;
import dev.gatehouse.core.keys.PemKeys;
import dev.gatehouse.core.keys.SigningKey;
import dev.gatehouse.core.keys.VerificationKeys;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The signing keys a configuration names: a PEM key pair ({@code JWT_PRIVATE_KEY_FILE}), an HMAC
 * secret ({@code JWT_SECRET}), or keys Gatehouse generates, keeps in its {@link KeyStore}
 * (encrypted under {@code GATEHOUSE_MASTER_KEY} when set) and rotates.
 */
public final class TokenKeys {
    private final Supplier<KeyRing> ring;
    private final Optional<KeyRotator> rotator;
    private final Clock clock;

    private TokenKeys(Supplier<KeyRing> ring, Optional<KeyRotator> rotator, Clock clock) {
        this.ring = ring;
        this.rotator = rotator;
        this.clock = clock;
    }

    public static TokenKeys fromConfig(TokenConfig config, KeyStore store, Clock clock) {
        return fromConfig(config, store, clock, Optional.empty());
    }

    /**
     * As {@link #fromConfig(TokenConfig, KeyStore, Clock)}, taking a new ring's keys from those
     * {@link #startAhead} began making, should the store hold no ring. Keys made ahead and not
     * needed (another instance saved a ring first) are dropped.
     */
    public static TokenKeys fromConfig(TokenConfig config, KeyStore store, Clock clock, Optional<NewRingKeys> ahead) {
        if (config.privateKeyFile().isPresent()) {
            SigningKey key = PemKeys.loadPrivate(config.algorithm(), config.privateKeyFile().get(), config.publicKeyFile());
            return fixed(key, config, clock);
        }
        if (config.secret().isPresent()) {
            return fixed(HmacSecrets.fromText(config.algorithm(), config.secret().get().value()), config, clock);
        }
        KeyRotationPolicy policy = rotationPolicy(config);
        KeyRingCodec codec = new KeyRingCodec(config.masterKey().map(Secret::value).map(MasterKey::parse));
        Supplier<SigningKey> generate = generator(config);
        if (ahead.isEmpty() && (!policy.rotates() || store.load().isPresent())) {
            return rotating(KeyRotator.open(store, codec, policy, generate, clock), clock);
        }
        // Nothing stored yet: a first start, whose new ring needs two keys, made side by side (or
        // already under way). Should another instance save a ring first, this one reads that ring
        // and the keys made here are dropped.
        NewRingKeys newRing = ahead.orElseGet(() -> NewRingKeys.start(generate));
        KeyRotator rotator = KeyRotator.open(store, codec, policy, newRing, clock);
        newRing.done();
        return rotating(rotator, clock);
    }

    /**
     * Begins making a new ring's keys at once, for a store known to hold none yet (a database file
     * that does not exist): they are then made while the store opens and its schema is created,
     * instead of after. Empty when the configuration names its keys (a PEM file, a secret).
     */
    public static Optional<NewRingKeys> startAhead(TokenConfig config) {
        if (config.privateKeyFile().isPresent() || config.secret().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(NewRingKeys.startAll(generator(config), rotationPolicy(config).rotates() ? 2 : 1));
    }

    private static KeyRotationPolicy rotationPolicy(TokenConfig config) {
        return config.rotateInterval().isZero()
                ? KeyRotationPolicy.none(config.accessTtl())
                : KeyRotationPolicy.every(config.rotateInterval(), config.accessTtl());
    }

    private static Supplier<SigningKey> generator(TokenConfig config) {
        return () -> KeyGenerator.generate(config.algorithm());
    }

    private static TokenKeys rotating(KeyRotator rotator, Clock clock) {
        return new TokenKeys(rotator::current, Optional.of(rotator), clock);
    }

    private static TokenKeys fixed(SigningKey key, TokenConfig config, Clock clock) {
        KeyRing ring = KeyRing.fixed(key, KeyRotationPolicy.none(config.accessTtl()), clock.instant());
        return new TokenKeys(() -> ring, Optional.empty(), clock);
    }

    /** The current ring. */
    public KeyRing ring() {
        return ring.get();
    }

    public Supplier<KeyRing> ringSupplier() {
        return ring;
    }

    /** Keys that may verify now: read from the ring at each call, so a rotation applies at once. */
    public VerificationKeys verificationKeys() {
        // The ring first, then the time: a time read before a newer ring could ask it about a moment it has passed.
        return kid -> {
            KeyRing current = ring.get();
            return current.verificationKeys(clock.instant()).find(kid);
        };
    }

    /** Present for generated keys: the server calls {@link KeyRotator#rotateIfDue()} on a schedule. */
    public Optional<KeyRotator> rotator() {
        return rotator;
    }
}
