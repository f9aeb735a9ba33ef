package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.core.spi.StoredKey;
import dev.gatehouse.core.spi.StoredKeyRing;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link KeyRing} into {@link StoredKey}s and back. Each key's JWK (private part
 * included) becomes its {@code material}, sealed by a {@link MasterKeySealer} with the kid as
 * its context: encrypted under {@code GATEHOUSE_MASTER_KEY} when it is set (set it in
 * production), plain otherwise; with a master key set, plain material is refused rather than
 * trusted, so whoever can write to the store cannot plant a signing key. Decoded keys pass
 * {@link SigningKeys} checks again.
 */
public final class KeyRingCodec {
    private final MasterKeySealer sealer;

    /**
     * A codec that seals keys under {@code masterKey}, or stores them plain without one.
     *
     * @param masterKey the key that encrypts private keys at rest; empty to store them in the clear
     */
    public KeyRingCodec(Optional<MasterKey> masterKey) {
        this.sealer = new MasterKeySealer(masterKey);
    }

    /**
     * The ring's keys as generation {@code generation} of the stored ring.
     *
     * @param ring the ring to store
     * @param generation the generation the save is to create, at least 1
     * @return the ring in stored form
     */
    public StoredKeyRing encode(KeyRing ring, long generation) {
        List<StoredKey> stored = ring.keys().stream()
                .map(k -> new StoredKey(k.kid(), k.key().algorithm().jwsName(), k.state(), k.createdAt(), k.stateSince(),
                        seal(k.kid(), k.key().jwk().toJSONString())))
                .toList();
        return new StoredKeyRing(generation, stored);
    }

    /**
     * The stored keys as a ring under {@code policy}.
     *
     * @param stored the ring as loaded
     * @param policy how the ring rotates
     * @return the ring
     * @throws KeyRejectedException when a key does not decrypt (wrong master key, tampering), is
     *                              plain although a master key is set, or fails the key checks
     */
    public KeyRing decode(StoredKeyRing stored, KeyRotationPolicy policy) {
        List<RingKey> keys = new ArrayList<>();
        for (StoredKey key : stored.keys()) {
            SigningAlgorithm algorithm = SigningAlgorithm.fromName(key.algorithm())
                    .orElseThrow(() -> new KeyRejectedException("stored key " + key.kid() + " has an unknown algorithm"));
            SigningKey signingKey = SigningKeys.fromOwnJwk(parse(key.kid(), open(key.kid(), key.material())), algorithm);
            if (!signingKey.kid().equals(key.kid())) {
                throw new KeyRejectedException("stored key " + key.kid() + " holds a key with another kid");
            }
            keys.add(new RingKey(signingKey, key.state(), key.createdAt(), key.stateSince()));
        }
        return KeyRing.of(keys, policy);
    }

    private String seal(String kid, String json) {
        return sealer.seal(json.getBytes(StandardCharsets.UTF_8), kid);
    }

    private String open(String kid, String material) {
        try {
            return new String(sealer.open(material, kid), StandardCharsets.UTF_8);
        } catch (MasterKeySealer.UnsealingException e) {
            throw new KeyRejectedException("stored key " + kid + switch (e.refusal()) {
                case PLAIN_WITH_A_MASTER_KEY -> " is not encrypted although GATEHOUSE_MASTER_KEY is set; "
                        + "refusing a key anyone with store access could have written";
                case NO_MASTER_KEY -> " is encrypted; set GATEHOUSE_MASTER_KEY to the key it was stored with";
                case UNKNOWN_FORMAT -> " is in an unknown format";
                case DAMAGED -> " is not valid base64url, or is truncated";
                case DOES_NOT_OPEN -> " does not decrypt: wrong GATEHOUSE_MASTER_KEY, or the store was altered";
            });
        }
    }

    private static JWK parse(String kid, String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new KeyRejectedException("stored key " + kid + " is not a valid JWK");
        }
    }
}
