package dev.gatehouse.core.keys;

import com.nimbusds.jose.jwk.JWK;
import dev.gatehouse.core.spi.StoredKey;
import dev.gatehouse.core.spi.StoredKeyRing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link KeyRing} into {@link StoredKey}s and back. Each key's JWK (private part
 * included) becomes its {@code material}:
 * <ul>
 *   <li>with a {@link MasterKey}: {@code "gcm1:" + base64url(nonce || ciphertext || tag)}, AES-256-GCM with
 *       a random 96-bit nonce and the kid as associated data, so a blob copied onto another kid's
 *       row does not decrypt;</li>
 *   <li>without one: {@code "plain1:" + base64url(JWK JSON)}. The private keys are then only as safe
 *       as the store itself (its file permissions, backups, database access): set
 *       {@code GATEHOUSE_MASTER_KEY} in production.</li>
 * </ul>
 * With a master key set, plain material is refused rather than trusted, so whoever can write to
 * the store cannot plant a signing key. Decoded keys pass {@link SigningKeys} checks again.
 */
public final class KeyRingCodec {
    private static final String ENCRYPTED = "gcm1:";
    private static final String PLAIN = "plain1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<MasterKey> masterKey;

    /**
     * A codec that seals keys under {@code masterKey}, or stores them plain without one.
     *
     * @param masterKey the key that encrypts private keys at rest; empty to store them in the clear
     */
    public KeyRingCodec(Optional<MasterKey> masterKey) {
        this.masterKey = masterKey;
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
        byte[] plain = json.getBytes(StandardCharsets.UTF_8);
        if (masterKey.isEmpty()) {
            return PLAIN + Base64.getUrlEncoder().withoutPadding().encodeToString(plain);
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, kid);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return ENCRYPTED + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    private String open(String kid, String material) {
        if (material.startsWith(PLAIN)) {
            if (masterKey.isPresent()) {
                throw new KeyRejectedException("stored key " + kid + " is not encrypted although GATEHOUSE_MASTER_KEY is set; "
                        + "refusing a key anyone with store access could have written");
            }
            return new String(decode(kid, material.substring(PLAIN.length())), StandardCharsets.UTF_8);
        }
        if (!material.startsWith(ENCRYPTED)) {
            throw new KeyRejectedException("stored key " + kid + " is in an unknown format");
        }
        MasterKey key = masterKey.orElseThrow(() -> new KeyRejectedException(
                "stored key " + kid + " is encrypted; set GATEHOUSE_MASTER_KEY to the key it was stored with"));
        byte[] sealed = decode(kid, material.substring(ENCRYPTED.length()));
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new KeyRejectedException("stored key " + kid + " is truncated");
        }
        try {
            byte[] nonce = java.util.Arrays.copyOf(sealed, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, kid, key);
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new KeyRejectedException("stored key " + kid + " does not decrypt: wrong GATEHOUSE_MASTER_KEY, or the store was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String kid) throws GeneralSecurityException {
        return cipher(mode, nonce, kid, masterKey.orElseThrow());
    }

    private static Cipher cipher(int mode, byte[] nonce, String kid, MasterKey key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] decode(String kid, String base64) {
        try {
            return Base64.getUrlDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new KeyRejectedException("stored key " + kid + " is not valid base64url");
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
