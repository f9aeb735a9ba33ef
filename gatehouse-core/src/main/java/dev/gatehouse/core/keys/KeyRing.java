package dev.gatehouse.core.keys;

import dev.gatehouse.core.spi.KeyState;
import dev.gatehouse.core.spi.KeyStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An immutable snapshot of the signing keys: one ACTIVE key that signs, at most one NEXT key
 * published ahead of its turn, and RETIRED keys that still verify. Rotation returns a new
 * snapshot ({@link #rotate}), so readers holding the old one are never disturbed; a server swaps
 * snapshots atomically ({@link KeyRotator}).
 */
public final class KeyRing {
    private final List<RingKey> keys;
    private final KeyRotationPolicy policy;

    private KeyRing(List<RingKey> keys, KeyRotationPolicy policy) {
        this.keys = List.copyOf(keys);
        this.policy = Objects.requireNonNull(policy, "policy");
        requireWellFormed(this.keys);
    }

    /**
     * A ring of the given keys, e.g. as read back from a {@link KeyStore}.
     *
     * @param keys   the keys in their states
     * @param policy how the ring rotates
     * @return the ring
     * @throws IllegalArgumentException unless there is exactly one ACTIVE key, at most one NEXT,
     *                                  the ACTIVE key can sign, and kids are unique
     */
    public static KeyRing of(List<RingKey> keys, KeyRotationPolicy policy) {
        return new KeyRing(keys, policy);
    }

    /**
     * A new ring: {@code newKeys} makes the ACTIVE key and, when the policy rotates, the first NEXT.
     * The first ACTIVE key signs at once; no cache can be holding an older JWKS that lacks it.
     *
     * @param policy how the ring rotates
     * @param now the time the keys are made at
     * @param newKeys makes each new key
     * @return the ring
     */
    public static KeyRing start(KeyRotationPolicy policy, Instant now, Supplier<SigningKey> newKeys) {
        List<RingKey> keys = new ArrayList<>();
        keys.add(new RingKey(newKeys.get(), KeyState.ACTIVE, now, now));
        if (policy.rotates()) {
            keys.add(new RingKey(newKeys.get(), KeyState.NEXT, now, now));
        }
        return new KeyRing(keys, policy);
    }

    /**
     * A ring of one configured key (PEM files or {@code JWT_SECRET}) that does not rotate.
     *
     * @param key the configured key, which must be able to sign
     * @param policy the policy, which gives the JWKS cache lifetime
     * @param now the time the ring starts at
     * @return the ring
     */
    public static KeyRing fixed(SigningKey key, KeyRotationPolicy policy, Instant now) {
        return new KeyRing(List.of(new RingKey(key, KeyState.ACTIVE, now, now)), policy);
    }

    /**
     * The key that signs new tokens.
     *
     * @return the ACTIVE key
     */
    public SigningKey signingKey() {
        return active().key();
    }

    /**
     * The key that signs after the next rotation, if one is published.
     *
     * @return the NEXT key, or empty
     */
    public Optional<SigningKey> nextKey() {
        return keys.stream().filter(k -> k.state() == KeyState.NEXT).map(RingKey::key).findFirst();
    }

    /**
     * The keys a token may be verified with: ACTIVE and RETIRED, looked up by kid only. A NEXT key
     * never verifies: it has signed nothing, so a token naming it is forged or from a clock gone wrong.
     *
     * @return a lookup over this snapshot
     */
    public VerificationKeys verificationKeys() {
        return kid -> keys.stream()
                .filter(k -> k.state() != KeyState.NEXT && k.kid().equals(kid))
                .map(RingKey::key).findFirst();
    }

    /**
     * The keys that may verify at {@code now}: as {@link #verificationKeys()}, less RETIRED keys whose
     * verify window has passed, plus the NEXT key once it is due to sign. The latter matters when
     * several servers share a store: the one that rotates first signs with the new key while the
     * others, a scheduler tick behind, still hold this snapshot and must accept its tokens.
     *
     * @param now the instant to judge the keys' windows at
     * @return a lookup over this snapshot
     */
    public VerificationKeys verificationKeys(Instant now) {
        return kid -> keys.stream()
                .filter(k -> k.kid().equals(kid) && mayVerify(k, now))
                .map(RingKey::key).findFirst();
    }

    private boolean mayVerify(RingKey key, Instant now) {
        return switch (key.state()) {
            case ACTIVE -> true;
            case RETIRED -> !expired(key, now);
            case NEXT -> policy.rotates() && dueForPromotion(key, now);
        };
    }

    /**
     * The public halves of NEXT, ACTIVE and RETIRED keys, for the JWKS. HMAC keys are never
     * published: their "public" half is the secret.
     *
     * @return the public keys, without private members
     */
    public List<SigningKey> publishedKeys() {
        return keys.stream().map(RingKey::key).filter(k -> k.algorithm().isAsymmetric())
                .map(k -> new SigningKey(k.kid(), k.algorithm(), k.jwk().toPublicJWK())).toList();
    }

    /**
     * Every key on the ring with its state, private parts included: for storing the ring, never for publishing.
     *
     * @return the keys, unmodifiable
     */
    public List<RingKey> keys() {
        return keys;
    }

    /**
     * How this ring rotates.
     *
     * @return the policy
     */
    public KeyRotationPolicy policy() {
        return policy;
    }

    /**
     * The ring as it should be at {@code now}; {@code this} when nothing is due. When the ACTIVE key
     * has signed for a whole interval and the NEXT key has been published for at least one JWKS
     * cache lifetime, NEXT becomes ACTIVE, ACTIVE becomes RETIRED and {@code newKeys} makes a new
     * NEXT. RETIRED keys leave once their verify window has passed. Calling it late (a server that
     * was down) moves one step only, so a key never signs before caches could have seen it.
     * A ring whose policy does not rotate only sheds expired RETIRED keys.
     *
     * @param now the current time
     * @param newKeys makes the new NEXT key, when one is due
     * @return the new snapshot, or this one when nothing changed
     */
    public KeyRing rotate(Instant now, Supplier<SigningKey> newKeys) {
        List<RingKey> next = new ArrayList<>(keys.size() + 1);
        boolean changed = false;
        Optional<RingKey> pending = keys.stream().filter(k -> k.state() == KeyState.NEXT).findFirst();
        boolean promote = policy.rotates() && pending.isPresent() && dueForPromotion(pending.get(), now);
        for (RingKey key : keys) {
            if (key.state() == KeyState.RETIRED && expired(key, now)) {
                changed = true;
            } else if (promote && key.state() == KeyState.ACTIVE) {
                next.add(key.becoming(KeyState.RETIRED, now));
            } else if (promote && key.state() == KeyState.NEXT) {
                next.add(key.becoming(KeyState.ACTIVE, now));
            } else {
                next.add(key);
            }
        }
        if (policy.rotates() && (promote || pending.isEmpty())) {
            next.add(new RingKey(newKeys.get(), KeyState.NEXT, now, now));
            changed = true;
        }
        return changed || promote ? new KeyRing(next, policy) : this;
    }

    /**
     * An operator's rotation, now rather than when due (a key may have leaked, or a new algorithm
     * is wanted at once): the NEXT key starts signing at once (or a new one does, when there is
     * none), the ACTIVE key retires and keeps verifying for its window, and a new NEXT is made.
     * Resource servers that cached the JWKS before the NEXT key was published meet an unknown kid
     * and refetch; that is the price of not waiting.
     *
     * @param now the current time
     * @param newKeys makes the new keys
     * @return the new snapshot
     */
    public KeyRing rotateNow(Instant now, Supplier<SigningKey> newKeys) {
        List<RingKey> next = new ArrayList<>(keys.size() + 2);
        boolean promoted = false;
        for (RingKey key : keys) {
            switch (key.state()) {
                case ACTIVE -> next.add(key.becoming(KeyState.RETIRED, now));
                case NEXT -> {
                    next.add(key.becoming(KeyState.ACTIVE, now));
                    promoted = true;
                }
                case RETIRED -> {
                    if (!expired(key, now)) {
                        next.add(key);
                    }
                }
            }
        }
        if (!promoted) {
            next.add(new RingKey(newKeys.get(), KeyState.ACTIVE, now, now));
        }
        if (policy.rotates()) {
            next.add(new RingKey(newKeys.get(), KeyState.NEXT, now, now));
        }
        return new KeyRing(next, policy);
    }

    /**
     * The earliest instant at which {@link #rotate} would change this ring, if any.
     *
     * @return that instant, or empty when the ring never changes
     */
    public Optional<Instant> nextChangeAt() {
        List<Instant> candidates = new ArrayList<>();
        keys.stream().filter(k -> k.state() == KeyState.RETIRED)
                .forEach(k -> candidates.add(k.stateSince().plus(policy.verifyWindow())));
        if (policy.rotates()) {
            Instant activeDue = active().stateSince().plus(policy.rotateInterval());
            candidates.add(pendingKey().map(n -> later(activeDue, n.createdAt().plus(policy.jwksCacheLifetime()))).orElse(activeDue));
        }
        return candidates.stream().min(Instant::compareTo);
    }

    private Optional<RingKey> pendingKey() {
        return keys.stream().filter(k -> k.state() == KeyState.NEXT).findFirst();
    }

    private boolean dueForPromotion(RingKey pending, Instant now) {
        boolean signedLongEnough = !now.isBefore(active().stateSince().plus(policy.rotateInterval()));
        boolean publishedLongEnough = !now.isBefore(pending.createdAt().plus(policy.jwksCacheLifetime()));
        return signedLongEnough && publishedLongEnough;
    }

    /** A RETIRED key may leave once the last token it signed, plus leeway, has expired. */
    private boolean expired(RingKey key, Instant now) {
        return key.state() == KeyState.RETIRED && !now.isBefore(key.stateSince().plus(policy.verifyWindow()));
    }

    private RingKey active() {
        return keys.stream().filter(k -> k.state() == KeyState.ACTIVE).findFirst()
                .orElseThrow(() -> new IllegalStateException("a well-formed ring has an ACTIVE key"));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void requireWellFormed(List<RingKey> keys) {
        long active = keys.stream().filter(k -> k.state() == KeyState.ACTIVE).count();
        long pending = keys.stream().filter(k -> k.state() == KeyState.NEXT).count();
        if (active != 1) {
            throw new IllegalArgumentException("a key ring needs exactly one ACTIVE key, not " + active);
        }
        if (pending > 1) {
            throw new IllegalArgumentException("a key ring has at most one NEXT key, not " + pending);
        }
        Set<String> kids = new HashSet<>();
        for (RingKey key : keys) {
            if (!kids.add(key.kid())) {
                throw new IllegalArgumentException("two keys on the ring share kid " + key.kid());
            }
            if (key.state() != KeyState.RETIRED && !key.key().canSign()) {
                throw new IllegalArgumentException("the " + key.state() + " key " + key.kid() + " has no private part to sign with");
            }
        }
    }

    @Override
    public String toString() {
        return "KeyRing" + keys.stream().map(k -> k.kid() + ":" + k.state()).toList();
    }
}
