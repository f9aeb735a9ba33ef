package dev.gatehouse.core.keys;

import dev.gatehouse.core.internal.keys.HmacSecrets;
import dev.gatehouse.core.spi.KeyStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The signing keys of a {@link KeySource}: a PEM key pair, an HMAC secret, or keys Gatehouse
 * generates, keeps in its {@link KeyStore} (encrypted under a master key when given) and rotates.
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

    /**
     * Opens the keys {@code source} names: reads a PEM key pair or takes a secret, or loads the
     * generated ring from {@code store} (making and saving a new one when there is none).
     *
     * @param source   where the keys come from
     * @param tokenTtl how long the tokens these keys sign live: a retired key keeps verifying that long
     * @param store    where generated keys are kept; unused for PEM files and secrets
     * @param clock    the time rotation is judged by
     * @return the keys
     * @throws KeyRejectedException when a configured key is refused, or stored keys cannot be opened
     */
    public static TokenKeys open(KeySource source, Duration tokenTtl, KeyStore store, Clock clock) {
        return open(source, tokenTtl, store, clock, Optional.empty());
    }

    /**
     * As {@link #open(KeySource, Duration, KeyStore, Clock)}, taking a new ring's keys from those
     * {@link #startAhead} began making, should the store hold no ring. Keys made ahead and not
     * needed (another instance saved a ring first) are dropped.
     *
     * @param source   where the keys come from
     * @param tokenTtl how long the tokens these keys sign live: a retired key keeps verifying that long
     * @param store    where generated keys are kept; unused for PEM files and secrets
     * @param clock    the time rotation is judged by
     * @param ahead    the keys {@link #startAhead} began making, if any
     * @return the keys
     * @throws KeyRejectedException when a configured key is refused, or stored keys cannot be opened
     */
    public static TokenKeys open(KeySource source, Duration tokenTtl, KeyStore store, Clock clock, Optional<NewRingKeys> ahead) {
        return switch (source) {
            case KeySource.PemFiles pem -> fixed(PemKeys.loadPrivate(pem.algorithm(), pem.privateKey(), pem.publicKey()), tokenTtl, clock);
            case KeySource.SharedSecret secret -> fixed(HmacSecrets.fromText(secret.algorithm(), secret.secret()), tokenTtl, clock);
            case KeySource.Generated generated -> generated(generated, tokenTtl, store, clock, ahead);
        };
    }

    private static TokenKeys generated(KeySource.Generated source, Duration tokenTtl, KeyStore store, Clock clock, Optional<NewRingKeys> ahead) {
        KeyRotationPolicy policy = rotationPolicy(source, tokenTtl);
        KeyRingCodec codec = new KeyRingCodec(source.masterKey());
        Supplier<SigningKey> generate = generator(source);
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
     * instead of after. Empty when the keys are not generated (a PEM file, a secret).
     *
     * @param source   where the keys come from
     * @param tokenTtl how long the tokens the keys sign live
     * @return the keys being made, to pass to {@link #open(KeySource, Duration, KeyStore, Clock, Optional)}
     */
    public static Optional<NewRingKeys> startAhead(KeySource source, Duration tokenTtl) {
        if (!(source instanceof KeySource.Generated generated)) {
            return Optional.empty();
        }
        return Optional.of(NewRingKeys.startAll(generator(generated), rotationPolicy(generated, tokenTtl).rotates() ? 2 : 1));
    }

    private static KeyRotationPolicy rotationPolicy(KeySource.Generated source, Duration tokenTtl) {
        return source.rotateInterval().isZero()
                ? KeyRotationPolicy.none(tokenTtl)
                : KeyRotationPolicy.every(source.rotateInterval(), tokenTtl);
    }

    private static Supplier<SigningKey> generator(KeySource source) {
        return () -> KeyGenerator.generate(source.algorithm());
    }

    private static TokenKeys rotating(KeyRotator rotator, Clock clock) {
        return new TokenKeys(rotator::current, Optional.of(rotator), clock);
    }

    private static TokenKeys fixed(SigningKey key, Duration tokenTtl, Clock clock) {
        KeyRing ring = KeyRing.fixed(key, KeyRotationPolicy.none(tokenTtl), clock.instant());
        return new TokenKeys(() -> ring, Optional.empty(), clock);
    }

    /**
     * The current ring.
     *
     * @return the ring in use now
     */
    public KeyRing ring() {
        return ring.get();
    }

    /**
     * The current ring, read anew at each call, for those that sign or publish keys later.
     *
     * @return a supplier of the ring in use at each call
     */
    public Supplier<KeyRing> ringSupplier() {
        return ring;
    }

    /**
     * Keys that may verify now: read from the ring at each call, so a rotation applies at once.
     *
     * @return a lookup that follows rotations
     */
    public VerificationKeys verificationKeys() {
        // The ring first, then the time: a time read before a newer ring could ask it about a moment it has passed.
        return kid -> {
            KeyRing current = ring.get();
            return current.verificationKeys(clock.instant()).find(kid);
        };
    }

    /**
     * Present for generated keys: the server calls {@link KeyRotator#rotateIfDue()} on a schedule.
     *
     * @return the rotator, or empty for a PEM key or a secret
     */
    public Optional<KeyRotator> rotator() {
        return rotator;
    }
}
